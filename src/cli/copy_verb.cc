// `tovholder copy --from DB --to DB`: a whole database into a new, empty one (SQLite ↔
// PostgreSQL, or SQLite → SQLite), with the same key (docs/postgresql.md). It works below the
// application layer on purpose: a copy needs no projection, and its one record of access is
// written to the source before the snapshot is read, so the copy holds it too.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "app/audit.h"
#include "cli/args.h"
#include "cli/cli_util.h"
#include "cli/verbs.h"
#include "store/copy.h"
#include "store/pg.h"

namespace tov::cli {
namespace {

bool Exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// Writes `text` to a new file `path` of mode 0600.
Status WriteNewPrivateFile(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return Status::Io("cannot create " + path + ": " + std::strerror(errno));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return Status::Io("cannot write " + path);
  }
  return Status::Ok();
}

}  // namespace

int Copy(const Argv& argv, std::ostream& out, std::ostream& err) {
  auto a = Args::Parse(argv, {"from", "to", "key"}, {});
  if (!a.ok()) return Fail(err, a.status());
  if (!a->positional().empty()) return Fail(err, Status::InvalidField("copy", "takes no file names; use --from DB --to DB"));
  auto from_loc = a->Get("from"), to_loc = a->Get("to");
  if (!from_loc || from_loc->empty()) return Fail(err, Status::InvalidField("--from", "is required: the database to copy"));
  if (!to_loc || to_loc->empty()) return Fail(err, Status::InvalidField("--to", "is required: a new, empty database"));
  if (*from_loc == *to_loc) return Fail(err, Status::InvalidField("--to", "must not be the --from database"));

  // One key for both: --key FILE, else the environment (TOVHOLDER_KEY, TOVHOLDER_KEY_FILE), else
  // the key file beside a SQLite source.
  StoreOptions from, to;
  from.path = *from_loc;
  from.create = false;
  to.path = *to_loc;
  const char* env_text = std::getenv("TOVHOLDER_KEY");
  const char* env_file = std::getenv("TOVHOLDER_KEY_FILE");
  std::string key_file = a->GetOr("key", "");
  if (key_file.empty() && !env_text && env_file) key_file = env_file;
  if (key_file.empty() && !env_text && !pg::IsUrl(from.path)) key_file = from.path + ".key";
  from.key_path = key_file;
  to.key_path = key_file;
  std::string made_key;  // a key file written beside a new SQLite target
  if (!pg::IsUrl(to.path) && !Exists(to.path) && !Exists(to.path + ".key")) {
    // A SQLite database keeps its key beside it: the new one gets a copy of the source's key.
    std::string text;
    if (!key_file.empty()) {
      std::ifstream in(key_file, std::ios::binary);
      std::stringstream buf;
      buf << in.rdbuf();
      text = buf.str();
    } else if (env_text) {
      text = std::string(env_text) + "\n";
    }
    if (!text.empty()) {
      Status st = WriteNewPrivateFile(to.path + ".key", text);
      if (!st.ok()) return Fail(err, st);
      made_key = to.path + ".key";
      to.key_path = made_key;
    }
  }
  auto cleanup = [&] {
    if (!made_key.empty()) ::unlink(made_key.c_str());
  };

  auto source = OpenStore(from);
  if (!source.ok()) {
    cleanup();
    return Fail(err, source.status());
  }
  auto target = OpenStore(to);
  if (!target.ok()) {
    cleanup();
    return Fail(err, target.status());
  }
  Principal p = CliPrincipal();
  Status logged = (*source)->LogAccess({{0, Timestamp::FromSystemClock(std::chrono::system_clock::now()), p.user,
                                         std::string(RoleName(p.role)), "", std::string(AccessActionName(AccessAction::kExport)),
                                         "copy to " + (*target)->location()}});
  if (!logged.ok()) return Fail(err, logged);
  CopyCounts n;
  Status st = CopyStore(**source, **target, &n);
  if (!st.ok()) {
    err << "error: " << st.message() << "\n";
    if (st.message().find("is not empty") == std::string::npos && st.message().find("key") == std::string::npos)
      err << "the copy is incomplete: remove " << (*target)->location() << " and copy into a new, empty database\n";
    return st.code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  out << "copied " << n.entries << " entries, " << n.access << " access records, " << n.users << " users and "
      << n.settings << " settings from " << (*source)->location() << " to " << (*target)->location()
      << " (sessions are not copied: users log in again)\n";
  return 0;
}

}  // namespace tov::cli

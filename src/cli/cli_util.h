// Helpers shared by the verbs: who the command-line user is, printing a Status, opening --db.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include "app/app.h"
#include "cli/args.h"

namespace tov::cli {

// The command line acts as the operator: the person who holds the database and its key; the
// access log names them "cli:$USER".
Principal CliPrincipal();
// Prints `s` to `err` (one `field: reason` line per field error) and returns the exit code.
int Fail(std::ostream& err, const Status& s);
// The database a verb works on: --db, else $TOVHOLDER_DB, else tovholder.db in the working
// directory. A SQLite file or a postgresql:// URL.
std::string DatabaseOf(const Args& a);
// How to open DatabaseOf(a) (docs/operations.md): the PostgreSQL pool size from --db-pool, else
// $TOVHOLDER_DB_POOL, else the store's default; the statement timeout from
// --db-statement-timeout, else $TOVHOLDER_DB_STATEMENT_TIMEOUT, else
// `default_statement_timeout_ms` (0: none). A timeout is milliseconds, or a number with `ms` or
// `s` ("5s"); 0 turns it off. Bad values are field errors naming the flag or the variable.
StatusOr<StoreOptions> DatabaseOptions(const Args& a, int64_t default_statement_timeout_ms = 0);
// Opens the application on DatabaseOptions(a), creating a new database when `create`.
StatusOr<std::unique_ptr<App>> OpenApp(const Args& a, bool create = true, int64_t default_statement_timeout_ms = 0);

// The date of --FLAG (required).
StatusOr<Date> DateFlag(const Args& a, const std::string& flag);
// --known-at as a time (a bare date is the end of that UTC day), default now.
StatusOr<Timestamp> KnownAt(const Args& a, const App& app);
// Refuses a --municipality that is not a municipality code.
Status CheckMunicipality(const Args& a);
// `report implementation` (implementation_verb.cc), after `report`'s common options.
int ReportImplementation(const Args& a, Date x, const std::string& format, std::ostream& out, std::ostream& err);
// A file a verb writes (--out, an export): what goes in holds personal data, so it is created or
// truncated with mode 0600 whatever the umask, and a regular file that was there already is made
// 0600 too. A device or pipe (`--out /dev/stdout`) is written as it is.
class PrivateOutFile {
 public:
  // kIo when the file cannot be opened.
  static StatusOr<std::unique_ptr<PrivateOutFile>> Open(const std::string& path);
  ~PrivateOutFile();
  std::ostream& stream() { return stream_; }
  // Flushes and closes; kIo when any write failed.
  Status Close();

 private:
  class Buf : public std::streambuf {
   public:
    explicit Buf(int fd) : fd_(fd), data_(64 * 1024) {
      setp(data_.data(), data_.data() + data_.size());
    }
    bool failed() const { return failed_; }

   protected:
    int_type overflow(int_type c) override;
    int sync() override;

   private:
    bool FlushBuffer();
    int fd_;
    std::vector<char> data_;
    bool failed_ = false;
  };
  PrivateOutFile(std::string path, int fd)
      : path_(std::move(path)), fd_(fd), buf_(fd), stream_(&buf_) {}
  std::string path_;
  int fd_;
  Buf buf_;
  std::ostream stream_;
};

// Writes `text` to --out FILE (a PrivateOutFile), or to `out`.
Status Emit(const Args& a, std::ostream& out, const std::string& text);

}  // namespace tov::cli

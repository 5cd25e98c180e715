// A throwaway PostgreSQL cluster for the tests: one per test binary run, started on first use
// and removed at exit. initdb runs into a new temporary directory as an unprivileged user (the
// `postgres` user of Debian's package when the tests run as root, as in CI; else the current
// user), and the server listens on 127.0.0.1 on a free port and on a unix socket in that
// directory. Nothing depends on a server already running. The server takes TLS too (ssl=on) with
// a self-signed certificate for 127.0.0.1 made by openssl at start (ca_file(): the certificate,
// its own root); a URL without sslmode uses it as libpq's default `prefer` does.
//
// When PostgreSQL's binaries are missing (scripts/setup installs them) the cluster is not ok()
// and the PostgreSQL tests FAIL with the reason; they never skip.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "store/pg.h"

namespace tov::testing {

class PgCluster {
 public:
  // The cluster of this process, started on first use.
  static PgCluster& Get() {
    static PgCluster cluster;
    return cluster;
  }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  // The directory of PostgreSQL's programs (pg_dump, psql, …).
  const std::string& bin() const { return bin_; }
  double start_seconds() const { return start_seconds_; }
  // The server's self-signed certificate (a root for sslrootcert), and why there is none.
  const std::string& ca_file() const { return ca_file_; }
  const std::string& tls_error() const { return tls_error_; }
  // The directory of the cluster (for more files of a test, e.g. another root certificate).
  const std::string& dir() const { return dir_; }

  // postgresql://USER@127.0.0.1:PORT/DB
  std::string Url(const std::string& db, const std::string& user = kSuperuser) const {
    return "postgresql://" + user + "@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }
  // A new, empty database (owned by `owner`, default the superuser); returns its name.
  std::string NewDatabase(const std::string& prefix = "t", const std::string& owner = kSuperuser) {
    std::string name = prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(next_++);
    std::string sql = "CREATE DATABASE \"" + name + "\" OWNER \"" + owner + "\"";
    Status st = Sql("postgres", sql);
    if (!st.ok()) ADD_FAILURE_AT(__FILE__, __LINE__) << st.ToString();
    return name;
  }
  // Runs `sql` (one or more statements) on database `db` as `user`.
  Status Sql(const std::string& db, const std::string& sql, const std::string& user = kSuperuser) const {
    if (!ok()) return Status::FailedPrecondition(error_);
    ASSIGN_OR_RETURN(auto c, pg::Conn::Connect(Url(db, user)));
    return c.Exec(sql);
  }
  // Stops and starts the server again (a restart under the tests' feet).
  bool Restart() { return Run(Ctl("restart -m fast")) == 0; }
  // Stops the server (the tests' database is gone until StartAgain).
  bool Stop() { return Run(Ctl("stop -m fast")) == 0; }
  bool StartAgain() { return Run(Ctl("start")) == 0; }

  static constexpr const char* kSuperuser = "tovholder_test";

 private:
  PgCluster() {
    auto t0 = std::chrono::steady_clock::now();
    error_ = Start();
    start_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  ~PgCluster() {
    if (started_) Run(Ctl("stop -m immediate"));
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  static std::string BinDir() {
    if (const char* env = std::getenv("TOVHOLDER_PG_BIN")) return env;
    std::error_code ec;
    std::string best;
    for (const auto& d : std::filesystem::directory_iterator("/usr/lib/postgresql", ec))
      if (std::filesystem::exists(d.path() / "bin" / "initdb") && d.path().string() > best) best = d.path().string();
    return best.empty() ? "" : best + "/bin";
  }
  static int FreePort() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
      port = ntohs(a.sin_port);
    ::close(s);
    return port;
  }
  std::string As(const std::string& cmd) const {
    return run_as_.empty() ? cmd : "runuser -u " + run_as_ + " -- " + cmd;
  }
  std::string Ctl(const std::string& what) const {
    return As("'" + bin_ + "/pg_ctl' -D '" + dir_ + "/data' -l '" + dir_ + "/log' -w -t 60 -o \"-p " +
              std::to_string(port_) + " -k '" + dir_ + "' -c listen_addresses=127.0.0.1 -c fsync=off" +
              " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" +
              (ca_file_.empty() ? "" : " -c ssl=on") + "\" " + what +
              " >>'" + dir_ + "/ctl.log' 2>&1");
  }
  static int Run(const std::string& cmd) { return std::system(cmd.c_str()); }
  std::string Log() const {
    std::ifstream a(dir_ + "/ctl.log"), b(dir_ + "/log");
    std::stringstream s;
    s << a.rdbuf() << b.rdbuf();
    return s.str().substr(0, 4000);
  }

  std::string Start() {
    bin_ = BinDir();
    if (bin_.empty())
      return "PostgreSQL's server binaries are missing (no /usr/lib/postgresql/*/bin/initdb): run scripts/setup";
    char tmpl[] = "/tmp/tovholder-pg-XXXXXX";
    if (!::mkdtemp(tmpl)) return "mkdtemp failed";
    dir_ = tmpl;
    if (::geteuid() == 0) {
      // initdb refuses root: run the server as the unprivileged `postgres` user.
      passwd* pw = ::getpwnam("postgres");
      if (!pw) return "running as root and there is no `postgres` user to run the test cluster (run scripts/setup)";
      run_as_ = "postgres";
      if (::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) return "cannot chown " + dir_;
    }
    ::chmod(dir_.c_str(), 0700);
    port_ = FreePort();
    if (port_ == 0) return "no free port";
    if (Run(As("'" + bin_ + "/initdb' -D '" + dir_ + "/data' -U " + kSuperuser +
               " --auth=trust --no-sync -E UTF8 --no-locale >'" + dir_ + "/ctl.log' 2>&1")) != 0)
      return "initdb failed: " + Log();
    // TLS: a self-signed certificate for 127.0.0.1 in the data directory (server.crt and
    // server.key, PostgreSQL's default names), made as the server's user (the key must be its own).
    const std::string data = dir_ + "/data";
    if (Run(As("openssl req -new -x509 -days 7 -nodes -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
               "-keyout '" + data + "/server.key' -out '" + data + "/server.crt' >>'" + dir_ + "/ctl.log' 2>&1")) == 0 &&
        Run(As("chmod 600 '" + data + "/server.key'")) == 0)
      ca_file_ = data + "/server.crt";
    else
      tls_error_ = "openssl could not make the test cluster's certificate (is openssl installed? scripts/setup): " + Log();
    if (Run(Ctl("start")) != 0) return "the test cluster did not start: " + Log();
    started_ = true;
    return "";
  }

  std::string bin_, dir_, run_as_, error_, ca_file_, tls_error_;
  int port_ = 0;
  bool started_ = false;
  double start_seconds_ = 0;
  std::atomic<int> next_{0};
};

}  // namespace tov::testing

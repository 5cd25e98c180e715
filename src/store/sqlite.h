// A thin RAII wrapper over the SQLite C API that returns Status instead of throwing.
//
// Db owns a connection; Stmt a prepared statement (bind by 1-based index, step, read columns);
// Transaction commits explicitly and rolls back when destroyed uncommitted. A Db is used from
// one thread at a time (callers serialise access).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tov::sqlite {

class Stmt;

class Db {
 public:
  Db() = default;
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept;

  // Opens (creating when `create`) the file at `path`.
  Status Open(const std::string& path, bool create);
  Status Exec(std::string_view sql);  // one or more statements, no results
  StatusOr<Stmt> Prepare(std::string_view sql);
  sqlite3* raw() const { return db_; }
  int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  Status Error(std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
};

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  ~Stmt();
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, std::string_view v);  // copied (SQLITE_TRANSIENT)
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& BindBlob(int i, std::string_view v);
  Stmt& BindNull(int i);
  Stmt& Bind(int i, const std::optional<std::string>& v) {
    return v ? Bind(i, std::string_view(*v)) : BindNull(i);
  }

  // Steps once: true when a row is ready, false when done.
  StatusOr<bool> Step();
  Status Run();    // steps to completion, then resets for reuse
  void Reset();    // resets and clears bindings

  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  std::string Text(int col) const;
  std::string_view TextView(int col) const;
  std::string Blob(int col) const;
  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
};

class Transaction {
 public:
  // BEGIN IMMEDIATE: takes the write lock at once, so a writer never fails half-way on a lock.
  static StatusOr<Transaction> Begin(Db& db);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Transaction(const Transaction&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_;
};

}  // namespace tov::sqlite

// SqliteDb and SqliteStatement: RAII owners of a sqlite3 connection and a prepared statement,
// with errors as Status values that keep SQLite's own message and primary result code (so the
// caller can tell corruption from a full disk).
#pragma once

#include "common/result.h"

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace cox::store {

// A failed SQLite call: its primary result code (SQLITE_CORRUPT, SQLITE_NOTADB, ...) and message.
struct SqliteError {
    int code = 0;
    std::string message;
};

class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt)
        : m_db(db)
        , m_stmt(stmt) {}
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement();

    // Parameters are 1-based, as in SQLite. Text and blobs are NOT copied: the caller keeps them
    // alive until step() (the commit path binds values straight from the batch's events).
    void bindText(int index, std::string_view text);
    void bindBlob(int index, std::string_view bytes);
    void bindInt(int index, int64_t value);
    // True when a row is ready, false when done; an error otherwise.
    bool step(SqliteError *error);
    void reset();

    std::string columnText(int index) const;
    std::string columnBlob(int index) const;
    int64_t columnInt(int index) const;
    bool columnIsNull(int index) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

class SqliteDb {
public:
    SqliteDb() = default;
    SqliteDb(SqliteDb &&other) noexcept;
    SqliteDb &operator=(SqliteDb &&other) noexcept;
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;
    ~SqliteDb();

    // Opens (creating when absent) a read-write connection used from one thread at a time.
    bool open(const std::string &path, SqliteError *error);
    bool exec(const std::string &sql, SqliteError *error);
    bool prepare(const std::string &sql, SqliteStatement *out, SqliteError *error);
    SqliteError lastError() const;

private:
    sqlite3 *m_db = nullptr;
};

} // namespace cox::store

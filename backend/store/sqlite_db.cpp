#include "store/sqlite_db.h"

#include <sqlite3.h>

#include <utility>

namespace cox::store {

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr)) {}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_stmt);
}

// SQLITE_STATIC: the bound bytes are owned by the caller's Event for the duration of the step,
// which avoids copying every value once more on the commit path.
void SqliteStatement::bindText(int index, std::string_view text) {
    sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void SqliteStatement::bindBlob(int index, std::string_view bytes) {
    sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
}

void SqliteStatement::bindInt(int index, int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
}

bool SqliteStatement::step(SqliteError *error) {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE && error)
        *error = SqliteError{rc & 0xff, sqlite3_errmsg(m_db)};
    else if (error)
        error->code = 0;
    return false;
}

void SqliteStatement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string SqliteStatement::columnText(int index) const {
    auto text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, index));
    return text ? std::string(text, sqlite3_column_bytes(m_stmt, index)) : std::string();
}

std::string SqliteStatement::columnBlob(int index) const {
    auto bytes = static_cast<const char *>(sqlite3_column_blob(m_stmt, index));
    return bytes ? std::string(bytes, sqlite3_column_bytes(m_stmt, index)) : std::string();
}

int64_t SqliteStatement::columnInt(int index) const {
    return sqlite3_column_int64(m_stmt, index);
}

bool SqliteStatement::columnIsNull(int index) const {
    return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
}

SqliteDb::SqliteDb(SqliteDb &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)) {}

SqliteDb &SqliteDb::operator=(SqliteDb &&other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

SqliteDb::~SqliteDb() {
    sqlite3_close_v2(m_db);
}

bool SqliteDb::open(const std::string &path, SqliteError *error) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(m_db, 1);
        return true;
    }
    *error = SqliteError{rc & 0xff, m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc)};
    sqlite3_close_v2(std::exchange(m_db, nullptr));
    return false;
}

bool SqliteDb::exec(const std::string &sql, SqliteError *error) {
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK)
        return true;
    *error = lastError();
    return false;
}

bool SqliteDb::prepare(const std::string &sql, SqliteStatement *out, SqliteError *error) {
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        *error = lastError();
        return false;
    }
    *out = SqliteStatement(m_db, stmt);
    return true;
}

SqliteError SqliteDb::lastError() const {
    return SqliteError{sqlite3_errcode(m_db) & 0xff, sqlite3_errmsg(m_db)};
}

} // namespace cox::store

#include "store/state_file.h"

#include "common/log.h"

#include <sqlite3.h>

#include <filesystem>

namespace cox::store {
namespace {

const char *const kCreateSchema = R"(
CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE kv (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    create_rev INTEGER NOT NULL,
    mod_rev INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (name, value) VALUES ('schema_version', 1), ('revision', 1);
)";

// quick_check reports one problem per line, often hundreds of "page N is never used" after the
// real one: keep the first few so the message stays readable in a log line.
std::string summarise(const std::string &verdict) {
    std::string out;
    size_t start = 0;
    for (int line = 0; line < 3 && start < verdict.size(); ++line) {
        size_t end = verdict.find('\n', start);
        if (end == std::string::npos)
            end = verdict.size();
        if (!out.empty())
            out += "; ";
        out += verdict.substr(start, end - start);
        start = end + 1;
    }
    if (start < verdict.size())
        out += "; ...";
    return out;
}

bool isCorruption(int code) {
    return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

} // namespace

Status StateFile::fail(const SqliteError &error, const std::string &what) const {
    if (isCorruption(error.code))
        return Status(StatusCode::Internal,
                      "state database " + m_path + " is corrupt (" + error.message +
                          "): restore it from a backup or move it away to start empty");
    if (error.code == SQLITE_BUSY || error.code == SQLITE_LOCKED)
        return Status(StatusCode::Unavailable, "state database " + m_path +
                                                   " is in use by another process (" +
                                                   error.message + ")");
    return Status(StatusCode::Internal,
                  "state database " + m_path + ": " + what + " failed: " + error.message);
}

Result<std::unique_ptr<StateFile>> StateFile::open(const std::string &path) {
    std::filesystem::path fsPath(path);
    if (!fsPath.is_absolute())
        return Status(StatusCode::BadRequest,
                      "state database path \"" + path + "\" must be absolute");
    std::error_code ec;
    if (!std::filesystem::is_directory(fsPath.parent_path(), ec))
        return Status(StatusCode::BadRequest, "state database directory " +
                                                  fsPath.parent_path().string() +
                                                  " does not exist or is not a directory");
    std::unique_ptr<StateFile> file(new StateFile(path));
    SqliteError error;
    if (!file->m_db.open(path, &error))
        return file->fail(error, "open");
    for (auto step : {&StateFile::configure, &StateFile::checkIntegrity, &StateFile::ensureSchema,
                      &StateFile::prepareStatements}) {
        if (Status s = (file.get()->*step)(); !s)
            return s;
    }
    return file;
}

// WAL + synchronous=FULL: each commit is one fsync of the log. Exclusive locking mode keeps the
// lock for the connection's life (and lets WAL work without the shared-memory file).
// journal_size_limit truncates the log after each automatic checkpoint so it cannot grow unbounded.
Status StateFile::configure() {
    SqliteError error;
    if (!m_db.exec("PRAGMA locking_mode=EXCLUSIVE; PRAGMA busy_timeout=0;", &error))
        return fail(error, "configure");
    SqliteStatement mode;
    if (!m_db.prepare("PRAGMA journal_mode=WAL", &mode, &error))
        return fail(error, "enable WAL");
    if (!mode.step(&error))
        return fail(error.code ? error : m_db.lastError(), "enable WAL");
    if (mode.columnText(0) != "wal")
        return Status(StatusCode::Internal, "state database " + m_path +
                                                ": cannot enable WAL (journal mode is " +
                                                mode.columnText(0) + ")");
    mode = SqliteStatement();
    if (!m_db.exec(
            "PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=1000; PRAGMA cache_size=-32768;"
            "PRAGMA journal_size_limit=16777216; BEGIN EXCLUSIVE; COMMIT;",
            &error))
        return fail(error, "configure");
    return Status::ok();
}

Status StateFile::checkIntegrity() {
    SqliteError error;
    SqliteStatement check;
    if (!m_db.prepare("PRAGMA quick_check", &check, &error))
        return fail(error, "integrity check");
    if (!check.step(&error))
        return fail(error.code ? error : SqliteError{SQLITE_CORRUPT, "no quick_check result"},
                    "integrity check");
    std::string verdict = check.columnText(0);
    if (verdict != "ok")
        return fail(SqliteError{SQLITE_CORRUPT, summarise(verdict)}, "integrity check");
    return Status::ok();
}

Status StateFile::ensureSchema() {
    SqliteError error;
    SqliteStatement tables;
    if (!m_db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'", &tables, &error))
        return fail(error, "read schema");
    bool hasMeta = false, hasKv = false, hasOther = false;
    while (tables.step(&error)) {
        std::string name = tables.columnText(0);
        hasMeta |= name == "meta";
        hasKv |= name == "kv";
        hasOther |= name != "meta" && name != "kv";
    }
    if (error.code)
        return fail(error, "read schema");
    if (!hasMeta && !hasKv && !hasOther) {
        if (!m_db.exec(std::string("BEGIN IMMEDIATE;") + kCreateSchema + "COMMIT;", &error))
            return fail(error, "create schema");
        COX_LOG(Info, "store") << "created state database " << m_path;
        return Status::ok();
    }
    if (!hasMeta || !hasKv)
        return Status(StatusCode::Internal,
                      "state database " + m_path +
                          " is not a Coxswain state database (its tables do not match): move it "
                          "away or point the store at another file");
    SqliteStatement version;
    if (!m_db.prepare("SELECT value FROM meta WHERE name = 'schema_version'", &version, &error))
        return fail(error, "read schema version");
    if (!version.step(&error))
        return fail(error.code ? error : SqliteError{SQLITE_CORRUPT, "schema_version row missing"},
                    "read schema version");
    int64_t found = version.columnInt(0);
    if (found > kSchemaVersion)
        return Status(StatusCode::Internal,
                      "state database " + m_path + " was written by a newer Coxswain (schema " +
                          std::to_string(found) + ", this build reads up to " +
                          std::to_string(kSchemaVersion) + "): upgrade this binary");
    if (found < 1)
        return fail(SqliteError{SQLITE_CORRUPT, "invalid schema_version " + std::to_string(found)},
                    "read schema version");
    return Status::ok();
}

Status StateFile::prepareStatements() {
    SqliteError error;
    if (!m_db.prepare("INSERT INTO kv (key, value, create_rev, mod_rev) VALUES (?1, ?2, ?3, ?4) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                      "create_rev = excluded.create_rev, mod_rev = excluded.mod_rev",
                      &m_put, &error) ||
        !m_db.prepare("DELETE FROM kv WHERE key = ?1", &m_delete, &error) ||
        !m_db.prepare("UPDATE meta SET value = ?1 WHERE name = 'revision'", &m_setRevision, &error))
        return fail(error, "prepare statements");
    return Status::ok();
}

Result<KeySpace> StateFile::load() {
    SqliteError error;
    SqliteStatement rev;
    if (!m_db.prepare("SELECT value FROM meta WHERE name = 'revision'", &rev, &error))
        return fail(error, "read revision");
    if (!rev.step(&error))
        return fail(error.code ? error : SqliteError{SQLITE_CORRUPT, "revision row missing"},
                    "read revision");
    KeySpace keys(rev.columnInt(0));
    SqliteStatement rows;
    if (!m_db.prepare("SELECT key, value, create_rev, mod_rev FROM kv ORDER BY key", &rows, &error))
        return fail(error, "read keys");
    while (rows.step(&error)) {
        KeyValue kv{rows.columnText(0), std::make_shared<const std::string>(rows.columnBlob(1)),
                    rows.columnInt(2), rows.columnInt(3)};
        if (kv.createRevision < 1 || kv.modRevision < kv.createRevision ||
            kv.modRevision > keys.revision())
            return fail(SqliteError{SQLITE_CORRUPT, "key " + kv.key + " has revisions " +
                                                        std::to_string(kv.createRevision) + "/" +
                                                        std::to_string(kv.modRevision) +
                                                        " beyond the stored revision"},
                        "load");
        keys.load(std::move(kv));
    }
    if (error.code)
        return fail(error, "read keys");
    return keys;
}

Status StateFile::writeEvents(const std::vector<Event> &events) {
    SqliteError error;
    for (const Event &event : events) {
        SqliteStatement &stmt = event.type == EventType::Delete ? m_delete : m_put;
        stmt.bindText(1, event.kv.key);
        if (event.type == EventType::Put) {
            stmt.bindBlob(2, *event.kv.value);
            stmt.bindInt(3, event.kv.createRevision);
            stmt.bindInt(4, event.kv.modRevision);
        }
        stmt.step(&error);
        stmt.reset();
        if (error.code)
            return fail(error, "write " + event.kv.key);
    }
    m_setRevision.bindInt(1, events.back().kv.modRevision);
    m_setRevision.step(&error);
    m_setRevision.reset();
    if (error.code)
        return fail(error, "write revision");
    return Status::ok();
}

Status StateFile::commit(const std::vector<Event> &events) {
    if (events.empty())
        return Status::ok();
    SqliteError error;
    if (!m_db.exec("BEGIN IMMEDIATE", &error))
        return fail(error, "begin transaction");
    Status written = writeEvents(events);
    if (written && m_db.exec("COMMIT", &error))
        return Status::ok();
    Status result = written ? fail(error, "commit") : written;
    SqliteError ignored;
    m_db.exec("ROLLBACK", &ignored);
    return result;
}

} // namespace cox::store

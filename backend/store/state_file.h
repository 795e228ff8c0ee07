// StateFile: the on-disk half of the sqlite backend. It holds current state only (one row per
// live key) plus the revision in a meta row written in the same transaction, so the file is
// bounded by live data and the revision survives deletes. Opening checks the file before use
// (quick_check, schema version, revision sanity) and refuses rather than repairs: a control plane
// that starts on a silently truncated state would hand out wrong answers with confidence.
#pragma once

#include "store/key_space.h"
#include "store/sqlite_db.h"

namespace cox::store {

class StateFile {
public:
    static constexpr int64_t kSchemaVersion = 1;

    // Opens or creates the database at an absolute path and takes an exclusive lock on it, so a
    // second control plane on the same file fails at open instead of corrupting it.
    static Result<std::unique_ptr<StateFile>> open(const std::string &path);
    // Reads every key and the revision.
    Result<KeySpace> load();
    // Writes the events (consecutive revisions) and the new revision in one durable transaction.
    Status commit(const std::vector<Event> &events);

    const std::string &path() const { return m_path; }

private:
    explicit StateFile(std::string path)
        : m_path(std::move(path)) {}
    Status configure();
    Status checkIntegrity();
    Status ensureSchema();
    Status prepareStatements();
    Status writeEvents(const std::vector<Event> &events);
    Status fail(const SqliteError &error, const std::string &what) const;

    std::string m_path;
    SqliteDb m_db;
    SqliteStatement m_put;
    SqliteStatement m_delete;
    SqliteStatement m_setRevision;
};

} // namespace cox::store

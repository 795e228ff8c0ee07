#include "store_fixture.h"

#include <cstdlib>

namespace cox::store {

TempDir::TempDir() {
    std::string pattern = "/var/tmp/cox-store-test-XXXXXX";
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

SqliteHandle::SqliteHandle(const std::filesystem::path &path) {
    SqliteError error;
    EXPECT_TRUE(m_db.open(path.string(), &error)) << error.message;
}

void SqliteHandle::exec(const std::string &sql) {
    SqliteError error;
    EXPECT_TRUE(m_db.exec(sql, &error)) << sql << ": " << error.message;
}

int64_t SqliteHandle::count(const std::string &sql) {
    SqliteError error;
    SqliteStatement stmt;
    if (!m_db.prepare(sql, &stmt, &error) || !stmt.step(&error)) {
        ADD_FAILURE() << sql << ": " << error.message;
        return -1;
    }
    return stmt.columnInt(0);
}

std::unique_ptr<Store> MemoryBackend::open() {
    auto store = openStore("memory://", testOptions());
    EXPECT_TRUE(store) << store.status().message();
    return store ? std::move(store).value() : nullptr;
}

std::unique_ptr<Store> SqliteBackend::open() {
    auto store = openStore("sqlite://" + (dir.path() / "state.db").string(), testOptions());
    EXPECT_TRUE(store) << store.status().message();
    return store ? std::move(store).value() : nullptr;
}

} // namespace cox::store

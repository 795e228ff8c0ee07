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

// openStore(): picks a backend from the URI scheme, as kine does.
#include "store/memory_store.h"
#include "store/sqlite_store.h"

namespace cox::store {

Result<std::unique_ptr<Store>> openStore(const std::string &uri) {
    return openStore(uri, StoreOptions{});
}

Result<std::unique_ptr<Store>> openStore(const std::string &uri, const StoreOptions &options) {
    if (uri == "memory://" || uri == "memory:")
        return std::unique_ptr<Store>(std::make_unique<MemoryStore>(options));
    const std::string sqlitePrefix = "sqlite://";
    if (uri.starts_with(sqlitePrefix)) {
        std::string path = uri.substr(sqlitePrefix.size());
        if (!path.starts_with('/'))
            return Status(StatusCode::BadRequest,
                          "store URI \"" + uri +
                              "\" needs an absolute path: sqlite:///absolute/path/state.db");
        return SqliteStore::open(path, options);
    }
    return Status(StatusCode::BadRequest,
                  "unsupported store URI \"" + uri +
                      "\": expected memory:// or sqlite:///absolute/path/state.db");
}

} // namespace cox::store

#include "controlplane/admin_credentials.h"

#include "auth/user.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::controlplane {

Status writeSecretFile(const std::string &path, const std::string &content) {
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return {StatusCode::Internal, "cannot write " + tmp + ": " + std::strerror(errno)};
    const bool written =
        ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        return {StatusCode::Internal, "cannot write " + path + ": " + std::strerror(errno)};
    }
    return Status::ok();
}

Result<std::string> loadOrCreateAdminToken(const std::string &dataDir, auth::TokenStore &tokens) {
    const std::string path = dataDir + "/admin-token";
    std::ifstream in(path);
    std::string token;
    if (in) {
        std::getline(in, token);
        if (token.empty())
            return Result<std::string>(StatusCode::Internal,
                                       path + " is empty: delete it to mint a new admin token");
    } else {
        token = auth::generateToken();
        if (Status s = writeSecretFile(path, token + "\n"); !s)
            return Result<std::string>(s);
    }
    if (!tokens.lookup(token)) {
        auth::TokenEntry entry;
        entry.user = "admin";
        entry.groups = {auth::kGroupMasters};
        entry.description = "cluster administrator (" + path + ")";
        if (Status s = tokens.add(token, entry); !s)
            return Result<std::string>(s);
    }
    return token;
}

} // namespace cox::controlplane

#include "bootstrap/sftp_upload.h"

#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <fcntl.h>
#include <fstream>
#include <vector>

namespace cox::bootstrap {
namespace {

struct SftpHandle {
    sftp_session sftp = nullptr;
    ~SftpHandle() {
        if (sftp)
            sftp_free(sftp);
    }
};

struct RemoteFile {
    sftp_file file = nullptr;
    ~RemoteFile() { close(); }
    void close() {
        if (file)
            sftp_close(file);
        file = nullptr;
    }
};

Status copyChunks(std::ifstream &in, sftp_file file, uint64_t total, const CancelToken &cancel,
                  const UploadProgress &progress) {
    // 32 KiB stays under every server's SFTP packet limit.
    std::vector<char> buffer(32768);
    uint64_t sent = 0;
    while (sent < total) {
        if (cancel.cancelled())
            return {StatusCode::Unavailable, "cancelled"};
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<size_t>(in.gcount());
        if (n == 0)
            return {StatusCode::Internal, "the local file shrank while it was read"};
        if (sftp_write(file, buffer.data(), n) != static_cast<ssize_t>(n))
            return {StatusCode::Unavailable, "SFTP write failed (disk full on the machine?)"};
        sent += n;
        if (progress)
            progress(sent, total);
    }
    return Status::ok();
}

} // namespace

Status sftpUpload(SshSession &session, const std::string &localPath, const std::string &remotePath,
                  int mode, const CancelToken &cancel, const UploadProgress &progress) {
    std::ifstream in(localPath, std::ios::binary | std::ios::ate);
    if (!in)
        return {StatusCode::NotFound, "cannot read " + localPath};
    const auto total = static_cast<uint64_t>(in.tellg());
    in.seekg(0);
    SftpHandle sftp;
    sftp.sftp = sftp_new(session.handle());
    if (!sftp.sftp || sftp_init(sftp.sftp) != SSH_OK)
        return {StatusCode::Unavailable,
                "the machine offers no SFTP (enable the sftp subsystem in sshd_config): " +
                    std::string(ssh_get_error(session.handle()))};
    RemoteFile file;
    file.file = sftp_open(sftp.sftp, remotePath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                          static_cast<mode_t>(mode));
    if (!file.file)
        return {StatusCode::Forbidden, "cannot create " + remotePath + " by SFTP: " +
                                           std::string(ssh_get_error(session.handle()))};
    Status s = copyChunks(in, file.file, total, cancel, progress);
    file.close();
    if (!s)
        sftp_unlink(sftp.sftp, remotePath.c_str());
    return s;
}

} // namespace cox::bootstrap

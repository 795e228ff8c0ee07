// PauseImage: the sandbox's "pause" image, made on the node itself so a pod never needs the
// internet (or busybox) to start. The program is a hand-assembled static ELF of a few dozen
// bytes that parks in pause(2) forever: it only has to exist as the process that holds the
// pod's namespaces. It installs no signal handler, so as PID 1 of its PID namespace it ignores
// SIGTERM; the runtime stops it with SIGKILL (stop?t=0), which is all a pause needs. The image
// is one file, /pause, imported with POST /images/create?fromSrc=- (docker import).
#pragma once

#include "common/result.h"
#include "docker/docker_client.h"

#include <string>

namespace cox::agent::docker {

class PauseImage {
public:
    // The ELF for this machine's architecture (x86_64 or aarch64), else Unsupported.
    static Result<std::string> program();
    // A ustar archive holding `program` as /pause (mode 0755).
    static std::string tarball(const std::string &program);
    // "coxswain-pause:<arch>-<n>": the tag changes whenever the program does.
    static std::string reference();
    // Imports the image unless the daemon has it already.
    static Status ensure(const DockerClient &client);
};

} // namespace cox::agent::docker

// The pure parts of the docker runtime with canned Docker JSON and bytes: create bodies from the
// pod model, inspect -> ContainerStatus (states, reasons, times), the multiplexed stream
// demuxer, CRI log lines (partial messages, resuming without duplicates), error messages, the
// registry auth header and the pause program (it runs, and stays up until killed).
#include "docker/docker_client.h"
#include "docker/docker_log_stream.h"
#include "docker/docker_mapping.h"
#include "docker/docker_runtime.h"
#include "docker/log_follower.h"
#include "docker/pause_image.h"
#include "process.h"

#include <gtest/gtest.h>

#include <csignal>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cox::agent::docker {
namespace {

using nlohmann::json;

std::string frame(int stream, const std::string &data) {
    std::string out = {static_cast<char>(stream), 0, 0, 0};
    uint32_t size = static_cast<uint32_t>(data.size());
    for (int shift : {24, 16, 8, 0})
        out += static_cast<char>((size >> shift) & 0xff);
    return out + data;
}

TEST(DockerMapping, ContainerBodyCarriesThePodModel) {
    ContainerConfig config;
    config.name = "web";
    config.image = "127.0.0.1:5000/busybox:1";
    config.command = {"sh", "-c"};
    config.args = {"echo hi"};
    config.workingDir = "/srv";
    config.env = {{"A", "1"}, {"B", "x=y"}};
    config.mounts = {{"/data", "/host/data", true}, {"/cache", "/host/cache", false}};
    config.resources = {512, 50'000, 100'000, 64 << 20};
    config.labels = {{kLabelRestartCount, "3"}};
    config.logPath = "/var/log/pods/x/web/3.log";
    PodContext pod{"pause123", false, "/state/p/resolv.conf", "/state/p/hosts", "/cox/podabc"};
    json body = DockerMapping::containerCreateBody(config, pod);
    EXPECT_EQ(body["Image"], config.image);
    EXPECT_EQ(body["Entrypoint"], json({"sh", "-c"}));
    EXPECT_EQ(body["Cmd"], json({"echo hi"}));
    EXPECT_EQ(body["WorkingDir"], "/srv");
    EXPECT_EQ(body["Env"], json({"A=1", "B=x=y"}));
    const json &host = body["HostConfig"];
    EXPECT_EQ(host["NetworkMode"], "container:pause123");
    EXPECT_EQ(host["IpcMode"], "container:pause123");
    EXPECT_EQ(host["Binds"],
              json({"/host/data:/data:ro", "/host/cache:/cache:rw",
                    "/state/p/resolv.conf:/etc/resolv.conf:ro", "/state/p/hosts:/etc/hosts:ro"}));
    EXPECT_EQ(host["CpuShares"], 512);
    EXPECT_EQ(host["CpuQuota"], 50000);
    EXPECT_EQ(host["CpuPeriod"], 100000);
    EXPECT_EQ(host["Memory"], 64 << 20);
    EXPECT_EQ(host["CgroupParent"], "/cox/podabc");
    EXPECT_EQ(host["RestartPolicy"]["Name"], "no");
    EXPECT_EQ(body["Labels"][kLabelContainerName], "web");
    EXPECT_EQ(body["Labels"][kLabelSandboxId], "pause123");
    EXPECT_EQ(body["Labels"][kLabelRestartCount], "3");
    EXPECT_EQ(body["Labels"][kLabelLogPath], config.logPath);
}

TEST(DockerMapping, UnsetFieldsKeepTheImageDefaults) {
    ContainerConfig config;
    config.name = "plain";
    config.image = "busybox";
    json body = DockerMapping::containerCreateBody(config, PodContext{"p", true, "", "", ""});
    EXPECT_FALSE(body.contains("Entrypoint"));
    EXPECT_FALSE(body.contains("Cmd"));
    EXPECT_FALSE(body.contains("WorkingDir"));
    EXPECT_FALSE(body["HostConfig"].contains("CpuQuota"));
    EXPECT_FALSE(body["HostConfig"].contains("Memory"));
    EXPECT_FALSE(body["HostConfig"].contains("CgroupParent"));
    EXPECT_EQ(body["HostConfig"]["Binds"], json::array());
    // A command without args must not run the image's cmd as its arguments.
    config.command = {"/bin/true"};
    EXPECT_EQ(DockerMapping::containerCreateBody(config, {})["Cmd"], json::array());
}

TEST(DockerMapping, SandboxBodyIsAPauseWithoutNetworkOrOnTheHost) {
    SandboxConfig config;
    config.podUid = "uid-1";
    config.podName = "web-0";
    config.podNamespace = "prod";
    config.cgroupParent = "/cox/pod1";
    json body = DockerMapping::sandboxCreateBody(config, "coxswain-pause:amd64-1");
    EXPECT_EQ(body["Image"], "coxswain-pause:amd64-1");
    EXPECT_EQ(body["Hostname"], "web-0");
    EXPECT_EQ(body["HostConfig"]["NetworkMode"], "none");
    // No libnetwork sandbox (and no setkey hook re-executing dockerd) for a pod's pause.
    EXPECT_EQ(body["NetworkDisabled"], true);
    EXPECT_EQ(body["HostConfig"]["IpcMode"], "shareable");
    EXPECT_EQ(body["HostConfig"]["CgroupParent"], "/cox/pod1");
    EXPECT_EQ(body["Labels"][kLabelPodUid], "uid-1");
    EXPECT_EQ(body["Labels"][kLabelPodNamespace], "prod");
    EXPECT_EQ(body["Labels"][kLabelSandbox], "true");
    config.hostNetwork = true;
    body = DockerMapping::sandboxCreateBody(config, "p");
    EXPECT_EQ(body["HostConfig"]["NetworkMode"], "host");
    EXPECT_FALSE(body.contains("Hostname"));
    EXPECT_FALSE(body.contains("NetworkDisabled"));
    EXPECT_EQ(body["Labels"][kLabelHostNetwork], "true");
}

json inspect(const std::string &state, int exitCode, bool oom) {
    return {
        {"Id", "c1"},
        {"Created", "2026-11-29T03:00:00.5Z"},
        {"Image", "sha256:abc"},
        {"Config",
         {{"Image", "busybox:1"},
          {"Labels",
           {{kLabelContainerName, "app"},
            {kLabelSandboxId, "s1"},
            {kLabelLogPath, "/logs/app/0.log"}}}}},
        {"State",
         {{"Status", state},
          {"Running", state == "running"},
          {"ExitCode", exitCode},
          {"OOMKilled", oom},
          {"Error", ""},
          {"StartedAt", "2026-11-29T03:00:01.25Z"},
          {"FinishedAt", state == "exited" ? "2026-11-29T03:00:09Z" : "0001-01-01T00:00:00Z"}}}};
}

TEST(DockerMapping, InspectMapsStatesReasonsAndTimes) {
    ContainerStatus running = DockerMapping::containerStatus(inspect("running", 0, false));
    EXPECT_EQ(running.state, ContainerState::Running);
    EXPECT_EQ(running.id, "c1");
    EXPECT_EQ(running.name, "app");
    EXPECT_EQ(running.sandboxId, "s1");
    EXPECT_EQ(running.logPath, "/logs/app/0.log");
    EXPECT_EQ(running.image, "busybox:1");
    EXPECT_EQ(running.imageId, "sha256:abc");
    EXPECT_EQ(
        std::chrono::duration_cast<std::chrono::milliseconds>(running.startedAt - running.createdAt)
            .count(),
        750);
    EXPECT_EQ(running.finishedAt.time_since_epoch().count(), 0);

    EXPECT_EQ(DockerMapping::containerStatus(inspect("created", 0, false)).state,
              ContainerState::Created);
    ContainerStatus done = DockerMapping::containerStatus(inspect("exited", 0, false));
    EXPECT_EQ(done.state, ContainerState::Exited);
    EXPECT_EQ(done.reason, "Completed");
    EXPECT_GT(done.finishedAt, done.startedAt);
    ContainerStatus failed = DockerMapping::containerStatus(inspect("exited", 3, false));
    EXPECT_EQ(failed.reason, "Error");
    EXPECT_EQ(failed.exitCode, 3);
    EXPECT_EQ(DockerMapping::containerStatus(inspect("exited", 137, true)).reason, "OOMKilled");
    EXPECT_EQ(DockerMapping::containerStatus(inspect("dead", 1, false)).state,
              ContainerState::Exited);
    // A process that exited before Docker stamped its start never "finished before it started".
    json quick = inspect("exited", 0, false);
    quick["State"]["StartedAt"] = "2026-11-29T03:00:09.004Z";
    ContainerStatus fast = DockerMapping::containerStatus(quick);
    EXPECT_EQ(fast.startedAt, fast.finishedAt);
}

TEST(DockerMapping, SandboxIsReadyOnlyRunningWithItsNetwork) {
    json pause = {{"Id", "s1"},
                  {"Config", {{"Labels", {{kLabelHostNetwork, "false"}}}}},
                  {"State", {{"Running", true}}}};
    EXPECT_EQ(DockerMapping::sandboxStatus(pause, "10.1.0.5").state, SandboxState::Ready);
    EXPECT_EQ(DockerMapping::sandboxStatus(pause, "10.1.0.5").ip, "10.1.0.5");
    EXPECT_EQ(DockerMapping::sandboxStatus(pause, "").state, SandboxState::NotReady);
    pause["State"]["Running"] = false;
    EXPECT_EQ(DockerMapping::sandboxStatus(pause, "10.1.0.5").state, SandboxState::NotReady);
    EXPECT_EQ(DockerMapping::sandboxStatus(pause, "10.1.0.5").ip, "");
}

TEST(DockerMapping, NamesAndDigests) {
    EXPECT_EQ(DockerMapping::containerName({"cox", "ns", "my pod", "c/1"}), "cox_ns_my-pod_c-1");
    EXPECT_EQ(DockerMapping::containerName({"_x"}), "c-x");
    EXPECT_EQ(DockerMapping::imageDigest(
                  {{"Id", "sha256:id"}, {"RepoDigests", {"reg/busybox@sha256:beef"}}}),
              "sha256:beef");
    EXPECT_EQ(DockerMapping::imageDigest({{"Id", "sha256:id"}, {"RepoDigests", json::array()}}),
              "sha256:id");
}

TEST(StreamDemuxer, SplitsFramesFedInAnyPieces) {
    std::string bytes = frame(1, "out one\n") + frame(2, "err\n") + frame(1, "");
    StreamDemuxer demuxer;
    std::vector<StreamFrame> frames;
    for (char c : bytes) { // one byte at a time: headers and payloads cut everywhere
        demuxer.feed(std::string(1, c));
        StreamFrame f;
        while (demuxer.next(f))
            frames.push_back(f);
    }
    ASSERT_EQ(frames.size(), 3u);
    EXPECT_EQ(frames[0].stream, 1);
    EXPECT_EQ(frames[0].data, "out one\n");
    EXPECT_EQ(frames[1].stream, 2);
    EXPECT_EQ(frames[1].data, "err\n");
    EXPECT_EQ(frames[2].data, "");
    EXPECT_EQ(demuxer.pending(), 0u);
}

TEST(CriLogConverter, WritesCriLinesWithDockersTimestamps) {
    CriLogConverter converter;
    std::string out = converter.convert({1, "2026-11-29T03:00:00.123456789Z hello\n"});
    out += converter.convert({2, "2026-11-29T03:00:01.000000001Z oops\n"});
    out += converter.convert({1, "2026-11-29T03:00:02.5Z a long mess"});
    EXPECT_EQ(out, "2026-11-29T03:00:00.123456789Z stdout F hello\n"
                   "2026-11-29T03:00:01.000000001Z stderr F oops\n"
                   "2026-11-29T03:00:02.500000000Z stdout P a long mess\n");
    logs::CriLine line;
    EXPECT_TRUE(logs::parseCriLine("2026-11-29T03:00:01.000000001Z stderr F oops", line));
    EXPECT_EQ(CriLogConverter::lastTime(out), logs::parseRfc3339("2026-11-29T03:00:02.5Z"));
}

TEST(CriLogConverter, ResumingSkipsWhatTheFileHas) {
    auto after = logs::parseRfc3339("2026-11-29T03:00:01Z");
    CriLogConverter converter(after);
    std::string out = converter.convert({1, "2026-11-29T03:00:00Z old\n"});
    out += converter.convert({1, "2026-11-29T03:00:01Z same instant, written before\n"});
    out += converter.convert({1, "2026-11-29T03:00:01.5Z new\n"});
    EXPECT_EQ(out, "2026-11-29T03:00:01.500000000Z stdout F new\n");
    EXPECT_FALSE(CriLogConverter::lastTime("garbage\n").has_value());
}

TEST(CriLogConverter, TtyOutputIsCutIntoLines) {
    CriLogConverter converter;
    std::string out = converter.convertRaw("2026-11-29T03:00:00Z one\n2026-11-29T03:00:01Z tw");
    EXPECT_EQ(out, "2026-11-29T03:00:00.000000000Z stdout F one\n");
    out = converter.convertRaw("o\n");
    EXPECT_EQ(out, "2026-11-29T03:00:01.000000000Z stdout F two\n");
}

// A log stream handing over fixed pieces, as a socket would.
class CannedStream : public DockerStream {
public:
    explicit CannedStream(std::vector<std::string> pieces)
        : m_pieces(std::move(pieces)) {}
    bool read(std::string &out) override {
        if (m_next >= m_pieces.size())
            return false;
        out += m_pieces[m_next++];
        return true;
    }
    void interrupt() override { m_next = m_pieces.size(); }

private:
    std::vector<std::string> m_pieces;
    size_t m_next = 0;
};

TEST(LogFollowers, CopyAppendsCriLinesAndResumesWithoutRepeats) {
    std::string dir = cox::testing::makeTempDir("cox-docker-logs");
    std::string path = dir + "/app/0.log";
    std::string first =
        frame(1, "2026-11-29T03:00:00.1Z one\n") + frame(2, "2026-11-29T03:00:00.2Z two\n");
    // Frames cut across reads.
    CannedStream stream({first.substr(0, 5), first.substr(5, 20), first.substr(25)});
    ASSERT_TRUE(LogFollowers::copy(stream, path, false, std::nullopt));
    auto resume = LogFollowers::resumePoint(path);
    EXPECT_EQ(resume, logs::parseRfc3339("2026-11-29T03:00:00.2Z"));
    // A restarted follower asks Docker from that second on and gets both lines again.
    CannedStream again({first + frame(1, "2026-11-29T03:00:01Z three\n")});
    ASSERT_TRUE(LogFollowers::copy(again, path, false, resume));
    std::string log = cox::testing::readFile(path);
    cox::testing::removeTree(dir);
    EXPECT_EQ(log, "2026-11-29T03:00:00.100000000Z stdout F one\n"
                   "2026-11-29T03:00:00.200000000Z stderr F two\n"
                   "2026-11-29T03:00:01.000000000Z stdout F three\n");
}

TEST(DockerClient, ErrorsCarryDockersMessage) {
    Status notFound = DockerClient::errorFor(404, R"({"message":"No such container: abc"})");
    EXPECT_EQ(notFound.code(), StatusCode::NotFound);
    EXPECT_EQ(notFound.message(), "docker: No such container: abc");
    EXPECT_EQ(DockerClient::errorFor(409, R"({"message":"name in use"})").code(),
              StatusCode::Conflict);
    EXPECT_EQ(DockerClient::errorFor(500, "").message(), "docker: docker answered HTTP 500");
    EXPECT_EQ(DockerClient::lowerVersion("1.43", "1.41"), "1.41");
    EXPECT_EQ(DockerClient::lowerVersion("1.40", "1.41"), "1.40");
    EXPECT_EQ(DockerClient::lowerVersion("1.9", "1.41"), "1.9");
}

TEST(DockerClient, RoutesFoldIdsNamesAndQueries) {
    EXPECT_EQ(DockerClient::route("POST", "/containers/3f2a9c/start"),
              "POST /containers/{id}/start");
    EXPECT_EQ(DockerClient::route("GET", "/containers/json?all=1&filters=%7B%7D"),
              "GET /containers/json");
    EXPECT_EQ(DockerClient::route("POST", "/containers/create?name=cox_pause_x"),
              "POST /containers/create");
    EXPECT_EQ(DockerClient::route("GET", "/containers/cox_web_1/json"),
              "GET /containers/{id}/json");
    EXPECT_EQ(DockerClient::route("DELETE", "/containers/abc?force=1"), "DELETE /containers/{id}");
    EXPECT_EQ(DockerClient::route("GET", "/images/127.0.0.1:5000/busybox:1/json"),
              "GET /images/{id}/json");
    EXPECT_EQ(DockerClient::route("POST", "/images/create?fromImage=x"), "POST /images/create");
    EXPECT_EQ(DockerClient::route("POST", "/exec/e1/start"), "POST /exec/{id}/start");
    EXPECT_EQ(DockerClient::route("GET", "/_ping"), "GET /_ping");
}

TEST(DockerClient, NoDaemonIsUnavailableNamingTheSocket) {
    std::string dir = cox::testing::makeTempDir("cox-docker-none");
    auto client = DockerClient::connect(dir + "/docker.sock", std::chrono::seconds(2));
    cox::testing::removeTree(dir);
    ASSERT_FALSE(client);
    EXPECT_EQ(client.status().code(), StatusCode::Unavailable);
    EXPECT_NE(client.status().message().find(dir + "/docker.sock"), std::string::npos);
}

json decodeAuthHeader(std::string header) {
    for (char &c : header)
        c = c == '-' ? '+' : c == '_' ? '/' : c;
    auto decoded = cox::testing::runCommand({"base64", "-d"}, {}, std::chrono::seconds(10), header);
    return decoded.exitCode == 0 ? json::parse(decoded.out, nullptr, false) : json();
}

TEST(DockerRuntime, RegistryAuthHeaderIsBase64UrlOfTheAuthConfig) {
    std::string header = DockerRuntime::registryAuthHeader({"user", "p@ss?>~~", ""});
    EXPECT_EQ(header.find_first_of("+/"), std::string::npos) << header;
    EXPECT_EQ(decodeAuthHeader(header), json({{"username", "user"}, {"password", "p@ss?>~~"}}));
    EXPECT_EQ(decodeAuthHeader(DockerRuntime::registryAuthHeader({"", "", "tok"})),
              json({{"identitytoken", "tok"}}));
}

TEST(PauseImage, TheProgramRunsAndParksUntilKilled) {
    auto program = PauseImage::program();
    ASSERT_TRUE(program) << program.status().message();
    EXPECT_LT(program->size(), 256u);
    std::string dir = cox::testing::makeTempDir("cox-pause");
    std::string path = dir + "/pause";
    cox::testing::writeFile(path, *program);
    ::chmod(path.c_str(), 0755);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::execl(path.c_str(), "pause", nullptr);
        ::_exit(127);
    }
    ASSERT_GT(pid, 0);
    // Parked: still there after a while, and in pause(2) rather than spinning.
    bool parked = cox::testing::waitUntil(
        [&] {
            std::string stat = cox::testing::readFile("/proc/" + std::to_string(pid) + "/stat");
            auto close = stat.rfind(')');
            return close != std::string::npos && stat.substr(close + 2, 1) == "S";
        },
        std::chrono::seconds(10));
    int status = 0;
    EXPECT_EQ(::waitpid(pid, &status, WNOHANG), 0) << "the pause program exited";
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(parked);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    // The tarball holds it as /pause, executable.
    cox::testing::writeFile(dir + "/pause.tar", PauseImage::tarball(*program));
    auto listing = cox::testing::runCommand({"tar", "-tvf", dir + "/pause.tar"});
    cox::testing::removeTree(dir);
    ASSERT_EQ(listing.exitCode, 0) << listing.err;
    EXPECT_EQ(listing.out.substr(0, 10), "-rwxr-xr-x") << listing.out;
    EXPECT_NE(listing.out.find(" pause\n"), std::string::npos) << listing.out;
}

} // namespace
} // namespace cox::agent::docker

#include "pod_start_timer.h"

#include <algorithm>
#include <cstdio>

namespace cox::agent::testing {

using namespace std::chrono_literals;

namespace {

Json sleeper(const std::string &image) {
    return {{"name", "app"},
            {"image", image},
            {"command", {"sh", "-c", "trap 'exit 0' TERM; while true; do busybox sleep 1; done"}},
            {"resources", {{"requests", {{"cpu", "10m"}, {"memory", "16Mi"}}}}}};
}

} // namespace

Json benchPod(const std::string &name, const std::string &image, const std::string &app) {
    Json meta = {{"name", name}, {"namespace", "default"}, {"labels", {{"app", app}}}};
    Json spec = {{"terminationGracePeriodSeconds", 1},
                 {"containers", Json::array({sleeper(image)})}};
    return {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", spec}};
}

Json benchDeployment(const std::string &name, const std::string &image, int replicas) {
    Json podSpec = {{"terminationGracePeriodSeconds", 1},
                    {"containers", Json::array({sleeper(image)})}};
    Json labels = {{"app", name}};
    Json spec = {{"replicas", replicas},
                 {"selector", {{"matchLabels", labels}}},
                 {"template", {{"metadata", {{"labels", labels}}}, {"spec", podSpec}}}};
    return {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", name}, {"namespace", "default"}}},
            {"spec", spec}};
}

double millis(BenchClock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

void reportLatencies(const char *label, std::vector<double> v) {
    if (v.empty()) {
        std::printf("%-28s no samples\n", label);
        return;
    }
    std::sort(v.begin(), v.end());
    auto pct = [&](double p) {
        return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
    };
    std::printf("%-28s n=%-3zu p50 %8.1f ms  p99 %8.1f ms  min %8.1f  max %8.1f\n", label, v.size(),
                pct(0.5), pct(0.99), v.front(), v.back());
}

std::string PodStartTimer::start(SystemEnv &env) {
    m_env = &env;
    auto stream = env.admin().stream("/api/v1/namespaces/default/pods?watch=true");
    if (!stream)
        return "watch: " + stream.status().message();
    m_stream = std::move(*stream);
    m_reader = std::thread([this] { watchLoop(); });
    return {};
}

PodStartTimer::~PodStartTimer() {
    m_stop = true;
    if (m_reader.joinable())
        m_reader.join();
    if (m_stream)
        m_stream->close();
}

void PodStartTimer::watchLoop() {
    while (!m_stop) {
        auto line = m_stream->nextLine(200ms);
        if (!line)
            continue; // timeout: look at the stop flag again
        if (!*line)
            return;
        Json event = Json::parse(**line, nullptr, false);
        if (!event.is_object() || !event.contains("object"))
            continue;
        const Json &pod = event["object"];
        auto now = BenchClock::now();
        std::string name = pod["metadata"].value("name", "");
        std::string app = pod["metadata"].value("labels", Json::object()).value("app", "");
        std::lock_guard lock(m_mutex);
        if (m_seen.emplace(name, now).second)
            m_seenByApp[app].push_back(now);
        if (podRunning(pod) && m_running.emplace(name, now).second)
            m_byApp[app].push_back(now);
    }
}

std::vector<double> PodStartTimer::startPods(const std::vector<std::string> &names) {
    std::map<std::string, BenchClock::time_point> created;
    for (const auto &name : names) {
        created[name] = BenchClock::now();
        if (auto s = m_env->createPod(benchPod(name, m_env->image())); !s)
            std::fprintf(stderr, "create %s: %s\n", name.c_str(), s.message().c_str());
    }
    cox::testing::waitUntil(
        [&] {
            std::lock_guard lock(m_mutex);
            return std::all_of(names.begin(), names.end(),
                               [&](const std::string &n) { return m_running.count(n) > 0; });
        },
        180s);
    std::vector<double> out;
    std::lock_guard lock(m_mutex);
    for (const auto &name : names)
        if (auto it = m_running.find(name); it != m_running.end())
            out.push_back(millis(it->second - created[name]));
    return out;
}

void PodStartTimer::deletePods(const std::vector<std::string> &names) {
    for (const auto &name : names)
        (void)m_env->deletePod(name);
    cox::testing::waitUntil(
        [&] {
            return std::all_of(names.begin(), names.end(), [&](const std::string &n) {
                return m_env->pod(n).status().code() == cox::StatusCode::NotFound;
            });
        },
        120s);
}

std::optional<BenchClock::time_point>
PodStartTimer::waitForRunning(const std::string &app, size_t count, std::chrono::seconds timeout) {
    std::optional<BenchClock::time_point> reached;
    cox::testing::waitUntil(
        [&] {
            std::lock_guard lock(m_mutex);
            const auto &times = m_byApp[app];
            if (times.size() >= count)
                reached = times[count - 1];
            return reached.has_value();
        },
        timeout);
    return reached;
}

} // namespace cox::agent::testing

namespace cox::agent::testing {

void PodStartTimer::runRounds(const std::string &runtime) {
    std::vector<double> single;
    double firstWithPull = -1;
    for (int round = 0; round < 11; ++round) {
        std::string name = "single-" + std::to_string(round);
        auto latency = startPods({name});
        if (round == 0 && !latency.empty())
            firstWithPull = latency[0]; // includes the image pull; not in the sample
        else
            single.insert(single.end(), latency.begin(), latency.end());
        deletePods({name});
    }
    std::vector<std::string> burst;
    for (int i = 0; i < 20; ++i)
        burst.push_back("burst-" + std::to_string(i));
    auto burstLatency = startPods(burst);

    std::printf("pod start: API create -> Running seen by a watch (%s, busybox image)\n",
                runtime.c_str());
    std::printf("%-28s %8.1f ms\n", "first pod (image pull)", firstWithPull);
    reportLatencies("1 pod at a time (10x)", single);
    reportLatencies("20 pods at once", burstLatency);
    deletePods(burst);
}

} // namespace cox::agent::testing

namespace cox::agent::testing {

std::optional<BenchClock::time_point> PodStartTimer::nthSeen(const std::string &app, size_t count) {
    std::lock_guard lock(m_mutex);
    const auto &times = m_seenByApp[app];
    if (count == 0 || times.size() < count)
        return std::nullopt;
    return times[count - 1];
}

} // namespace cox::agent::testing

namespace cox::agent::testing {

std::vector<BenchClock::time_point> PodStartTimer::runningTimes(const std::string &app) {
    std::lock_guard lock(m_mutex);
    return m_byApp[app];
}

} // namespace cox::agent::testing

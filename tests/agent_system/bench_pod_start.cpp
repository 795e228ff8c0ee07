// bench_pod_start: pod start latency on a real node (coxswain-agent + runc + CNI + a local
// registry): from the API create request to the pod seen Running (with an IP) by a watch.
// One pod at a time (10 rounds), then 20 created at once. Needs root, runc, CNI plugins,
// docker-registry and busybox-static. The first round includes the image pull.
#include "pod_start_timer.h"

#include <cstdio>

using namespace cox::agent::testing;
using namespace std::chrono_literals;

int main() {
    if (std::string missing = missingPrerequisite(); !missing.empty()) {
        std::printf("bench_pod_start skipped: %s\n", missing.c_str());
        return 0;
    }
    SystemEnv env;
    env.enableNodeNetwork(); // measured as users run it: service rules, routes and DNS included
    if (std::string error = env.startReadyNode(60s); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    PodStartTimer timer;
    if (std::string error = timer.start(env); !error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }

    timer.runRounds("runc");
    return 0;
}

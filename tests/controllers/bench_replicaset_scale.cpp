// bench_replicaset_scale: how long the ReplicaSet controller takes to converge a ReplicaSet of N
// replicas from zero (creates), then back to zero (deletes), single-threaded over a memory
// store. Prints pods per second for each N.
#include "controllers/replica_set_controller.h"

#include "harness.h"

#include <chrono>
#include <cstdio>

using namespace cox::controllers;
using namespace cox::controllers::testing;

int main() {
    for (int replicas : {100, 500, 2000}) {
        Harness h;
        h.add<ReplicaSetController>(*h.api, *h.informers, *h.events);
        auto start = std::chrono::steady_clock::now();
        h.create("apps", "replicasets", makeReplicaSet("web", replicas, {{"app", "web"}}));
        h.runUntilIdle(10000);
        auto created = std::chrono::steady_clock::now();
        h.patch("apps", "replicasets", "default", "web", {{"spec", {{"replicas", 0}}}});
        h.runUntilIdle(10000);
        auto deleted = std::chrono::steady_clock::now();
        double up = std::chrono::duration<double>(created - start).count();
        double down = std::chrono::duration<double>(deleted - created).count();
        std::printf("replicas=%d scale-up %.3f s (%.0f pods/s), scale-down %.3f s (%.0f pods/s)\n",
                    replicas, up, replicas / up, down, replicas / down);
    }
    return 0;
}

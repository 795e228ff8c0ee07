// HorizontalPodAutoscalerController (autoscaling/v2, metric Resource cpu Utilization against
// requests): desired = ceil(current * utilization / target), unchanged within the tolerance,
// clamped to [minReplicas, maxReplicas], stabilized (scale up to the lowest and scale down to
// the highest recommendation of their windows), written through the scale subresource.
// Each HPA is evaluated every syncPeriod on the controller's clock.
#pragma once

#include "controllers/controller.h"
#include "controllers/event_recorder.h"
#include "controllers/pod_metrics_source.h"
#include "controllers/shared_informers.h"

#include <deque>
#include <map>
#include <mutex>

namespace cox::controllers {

struct HpaOptions {
    std::chrono::milliseconds syncPeriod{15'000};
    double tolerance = 0.1;
    std::chrono::seconds scaleUpStabilization{0};
    std::chrono::seconds scaleDownStabilization{300};
};

// The pure part, for tests and the console's "what would it do" view.
struct HpaRecommendation {
    int replicas = 0;
    int utilization = 0; // percent of requests, averaged over pods with samples
    int podsWithMetrics = 0;
};
// Nullopt when no pod has both a sample and a cpu request.
std::optional<HpaRecommendation> recommendReplicas(int currentReplicas, int64_t usageMillis,
                                                   int64_t requestMillis, int podsWithMetrics,
                                                   int targetUtilization, double tolerance);

class HorizontalPodAutoscalerController final : public Controller {
public:
    HorizontalPodAutoscalerController(apiserver::ResourceService &api, SharedInformers &informers,
                                      EventRecorder &events, PodMetricsSource *metrics,
                                      HpaOptions options = {});
    ~HorizontalPodAutoscalerController() override;

protected:
    Status reconcile(const std::string &key) override;

private:
    struct Sample {
        WallTime time;
        int replicas;
    };
    int stabilize(const std::string &key, const Json &hpa, int current, int recommended);
    Status writeStatus(const Json &hpa, Json status);

    apiserver::ResourceService &m_api;
    Informer &m_hpas;
    Informer &m_pods;
    EventRecorder &m_events;
    PodMetricsSource *m_metrics;
    HpaOptions m_options;
    std::mutex m_mutex;
    std::map<std::string, std::deque<Sample>> m_recommendations;
};

} // namespace cox::controllers

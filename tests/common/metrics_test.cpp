#include "common/metrics.h"

#include <gtest/gtest.h>

namespace cox::metrics {
namespace {

TEST(Metrics, RendersPrometheusText) {
    Registry r;
    r.counter("requests_total", "Requests.", {{"verb", "GET"}}).inc();
    r.counter("requests_total", "Requests.", {{"verb", "GET"}}).inc(2);
    r.gauge("watches", "Open watches.").set(3);
    auto &h = r.histogram("latency_seconds", "Latency.", {}, {0.1, 1});
    h.observe(0.05);
    h.observe(0.5);
    h.observe(5);
    const std::string text = r.render();
    EXPECT_NE(text.find("# TYPE requests_total counter"), std::string::npos);
    EXPECT_NE(text.find("requests_total{verb=\"GET\"} 3"), std::string::npos);
    EXPECT_NE(text.find("watches 3"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_bucket{le=\"0.10000000000000001\"} 1"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_bucket{le=\"+Inf\"} 3"), std::string::npos);
    EXPECT_NE(text.find("latency_seconds_count 3"), std::string::npos);
}

} // namespace
} // namespace cox::metrics

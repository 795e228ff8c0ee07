// A small Prometheus metrics registry: counters, gauges and histograms with fixed label sets,
// rendered in the text exposition format for /metrics. Lock-free on the hot path (atomics);
// the registry lock is taken only to create a series and to render.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cox::metrics {

using Labels = std::map<std::string, std::string>;

class Counter {
public:
    void inc(double by = 1.0);
    double value() const { return m_value.load(); }

private:
    std::atomic<double> m_value{0.0};
};

class Gauge {
public:
    void set(double v) { m_value.store(v); }
    void add(double by);
    double value() const { return m_value.load(); }

private:
    std::atomic<double> m_value{0.0};
};

class Histogram {
public:
    explicit Histogram(std::vector<double> upperBounds);
    void observe(double value);
    const std::vector<double> &bounds() const { return m_bounds; }
    // Cumulative counts per bound, then the +Inf count.
    std::vector<uint64_t> cumulativeCounts() const;
    double sum() const { return m_sum.load(); }
    uint64_t count() const { return m_count.load(); }

private:
    std::vector<double> m_bounds;
    std::unique_ptr<std::atomic<uint64_t>[]> m_buckets;
    std::atomic<double> m_sum{0.0};
    std::atomic<uint64_t> m_count{0};
};

// Seconds-scale buckets suited to request and commit latencies (0.5 ms .. 10 s).
std::vector<double> latencyBuckets();

// Prometheus text format: backslash, double quote and newline escaped in a label value.
std::string escapeLabelValue(const std::string &value);

class Registry {
public:
    Registry();
    ~Registry();
    static Registry &global();

    // Returns the series for (name, labels), creating it on first use. The reference stays valid
    // for the registry's lifetime. `help` is taken from the first call for a name.
    Counter &counter(const std::string &name, const std::string &help, const Labels &labels = {});
    Gauge &gauge(const std::string &name, const std::string &help, const Labels &labels = {});
    Histogram &histogram(const std::string &name, const std::string &help,
                         const Labels &labels = {}, std::vector<double> bounds = latencyBuckets());

    std::string render() const;

private:
    struct Family;
    Family &family(const std::string &name, const std::string &help, const char *type);

    mutable std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<Family>> m_families;
};

} // namespace cox::metrics

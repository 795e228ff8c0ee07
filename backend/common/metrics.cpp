#include "metrics.h"

#include <sstream>
#include <variant>

namespace cox::metrics {

void Counter::inc(double by) {
    double cur = m_value.load();
    while (!m_value.compare_exchange_weak(cur, cur + by)) {
    }
}

void Gauge::add(double by) {
    double cur = m_value.load();
    while (!m_value.compare_exchange_weak(cur, cur + by)) {
    }
}

Histogram::Histogram(std::vector<double> upperBounds)
    : m_bounds(std::move(upperBounds))
    , m_buckets(new std::atomic<uint64_t>[m_bounds.size() + 1]) {
    for (size_t i = 0; i <= m_bounds.size(); ++i)
        m_buckets[i] = 0;
}

void Histogram::observe(double value) {
    size_t i = 0;
    while (i < m_bounds.size() && value > m_bounds[i])
        ++i;
    m_buckets[i].fetch_add(1);
    m_count.fetch_add(1);
    double cur = m_sum.load();
    while (!m_sum.compare_exchange_weak(cur, cur + value)) {
    }
}

std::vector<uint64_t> Histogram::cumulativeCounts() const {
    std::vector<uint64_t> out(m_bounds.size() + 1);
    uint64_t running = 0;
    for (size_t i = 0; i <= m_bounds.size(); ++i) {
        running += m_buckets[i].load();
        out[i] = running;
    }
    return out;
}

std::vector<double> latencyBuckets() {
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

struct Registry::Family {
    std::string help;
    std::string type;
    std::map<Labels, std::variant<std::unique_ptr<Counter>, std::unique_ptr<Gauge>,
                                  std::unique_ptr<Histogram>>>
        series;
};

Registry::Registry() = default;
Registry::~Registry() = default;

Registry &Registry::global() {
    static Registry registry;
    return registry;
}

Registry::Family &Registry::family(const std::string &name, const std::string &help,
                                   const char *type) {
    auto &slot = m_families[name];
    if (!slot) {
        slot = std::make_unique<Family>();
        slot->help = help;
        slot->type = type;
    }
    return *slot;
}

Counter &Registry::counter(const std::string &name, const std::string &help, const Labels &labels) {
    std::lock_guard lock(m_mutex);
    auto &series = family(name, help, "counter").series[labels];
    if (!std::holds_alternative<std::unique_ptr<Counter>>(series) ||
        !std::get<std::unique_ptr<Counter>>(series))
        series = std::make_unique<Counter>();
    return *std::get<std::unique_ptr<Counter>>(series);
}

Gauge &Registry::gauge(const std::string &name, const std::string &help, const Labels &labels) {
    std::lock_guard lock(m_mutex);
    auto &series = family(name, help, "gauge").series[labels];
    if (!std::holds_alternative<std::unique_ptr<Gauge>>(series) ||
        !std::get<std::unique_ptr<Gauge>>(series))
        series = std::make_unique<Gauge>();
    return *std::get<std::unique_ptr<Gauge>>(series);
}

Histogram &Registry::histogram(const std::string &name, const std::string &help,
                               const Labels &labels, std::vector<double> bounds) {
    std::lock_guard lock(m_mutex);
    auto &series = family(name, help, "histogram").series[labels];
    if (!std::holds_alternative<std::unique_ptr<Histogram>>(series) ||
        !std::get<std::unique_ptr<Histogram>>(series))
        series = std::make_unique<Histogram>(std::move(bounds));
    return *std::get<std::unique_ptr<Histogram>>(series);
}

// Prometheus text format: backslash, double quote and newline escaped in a label value.
std::string escapeLabelValue(const std::string &value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

namespace {

std::string renderLabels(const Labels &labels, const std::string &extraKey = {},
                         const std::string &extraValue = {}) {
    if (labels.empty() && extraKey.empty())
        return {};
    std::string out = "{";
    bool first = true;
    for (const auto &[k, v] : labels) {
        out += (first ? "" : ",") + k + "=\"" + escapeLabelValue(v) + "\"";
        first = false;
    }
    if (!extraKey.empty())
        out += (first ? "" : ",") + extraKey + "=\"" + extraValue + "\"";
    return out + "}";
}

std::string formatNumber(double v) {
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
}

} // namespace

std::string Registry::render() const {
    std::lock_guard lock(m_mutex);
    std::ostringstream out;
    for (const auto &[name, fam] : m_families) {
        out << "# HELP " << name << ' ' << fam->help << "\n# TYPE " << name << ' ' << fam->type
            << '\n';
        for (const auto &[labels, series] : fam->series) {
            if (auto *c = std::get_if<std::unique_ptr<Counter>>(&series); c && *c)
                out << name << renderLabels(labels) << ' ' << formatNumber((*c)->value()) << '\n';
            else if (auto *g = std::get_if<std::unique_ptr<Gauge>>(&series); g && *g)
                out << name << renderLabels(labels) << ' ' << formatNumber((*g)->value()) << '\n';
            else if (auto *h = std::get_if<std::unique_ptr<Histogram>>(&series); h && *h) {
                const auto counts = (*h)->cumulativeCounts();
                const auto &bounds = (*h)->bounds();
                for (size_t i = 0; i < bounds.size(); ++i)
                    out << name << "_bucket" << renderLabels(labels, "le", formatNumber(bounds[i]))
                        << ' ' << counts[i] << '\n';
                out << name << "_bucket" << renderLabels(labels, "le", "+Inf") << ' '
                    << counts.back() << '\n';
                out << name << "_sum" << renderLabels(labels) << ' ' << formatNumber((*h)->sum())
                    << '\n';
                out << name << "_count" << renderLabels(labels) << ' ' << (*h)->count() << '\n';
            }
        }
    }
    return out.str();
}

} // namespace cox::metrics

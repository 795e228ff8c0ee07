#include "docker/docker_log_stream.h"

#include <cstdint>

namespace cox::agent::docker {

bool StreamDemuxer::next(StreamFrame &frame) {
    if (m_pending.size() < 8)
        return false;
    auto byte = [&](size_t i) {
        return static_cast<uint32_t>(static_cast<uint8_t>(m_pending[i]));
    };
    uint32_t size = byte(4) << 24 | byte(5) << 16 | byte(6) << 8 | byte(7);
    if (m_pending.size() < 8 + size)
        return false;
    frame.stream = static_cast<int>(byte(0));
    frame.data.assign(m_pending, 8, size);
    m_pending.erase(0, 8 + size);
    return true;
}

void CriLogConverter::convertMessage(std::string_view stream, std::string_view message,
                                     std::string &out) {
    bool partial = message.empty() || message.back() != '\n';
    if (!partial)
        message.remove_suffix(1);
    logs::TimePoint time = std::chrono::system_clock::now();
    size_t space = message.find(' ');
    if (space != std::string_view::npos) {
        if (auto stamp = logs::parseRfc3339(message.substr(0, space))) {
            time = *stamp;
            message.remove_prefix(space + 1);
        }
    }
    if (m_after && time <= *m_after)
        return;
    m_after = time;
    out += logs::formatRfc3339Nano(time);
    out += ' ';
    out += stream;
    out += partial ? " P " : " F ";
    out += message;
    out += '\n';
}

std::string CriLogConverter::convert(const StreamFrame &frame) {
    std::string out;
    std::string_view stream = frame.stream == 2 ? "stderr" : "stdout";
    // One frame is one message; split anyway in case a daemon batches several.
    std::string_view data = frame.data;
    while (!data.empty()) {
        size_t end = data.find('\n');
        size_t length = end == std::string_view::npos ? data.size() : end + 1;
        convertMessage(stream, data.substr(0, length), out);
        data.remove_prefix(length);
    }
    return out;
}

std::string CriLogConverter::convertRaw(std::string_view bytes) {
    m_raw.append(bytes);
    std::string out;
    size_t start = 0;
    for (size_t end; (end = m_raw.find('\n', start)) != std::string::npos; start = end + 1)
        convertMessage("stdout", std::string_view(m_raw).substr(start, end + 1 - start), out);
    m_raw.erase(0, start);
    return out;
}

std::optional<logs::TimePoint> CriLogConverter::lastTime(std::string_view tail) {
    while (!tail.empty()) {
        if (tail.back() == '\n')
            tail.remove_suffix(1);
        size_t start = tail.rfind('\n');
        std::string_view line = start == std::string_view::npos ? tail : tail.substr(start + 1);
        logs::CriLine parsed;
        if (logs::parseCriLine(line, parsed))
            return parsed.time;
        if (start == std::string_view::npos)
            break;
        tail = tail.substr(0, start + 1);
    }
    return std::nullopt;
}

} // namespace cox::agent::docker

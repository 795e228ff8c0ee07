#include "scheduler/resources.h"

#include "model/quantity.h"

namespace cox::scheduler {

Result<Resources> Resources::fromJson(const model::Json &list) {
    Resources out;
    if (list.is_null())
        return out;
    if (!list.is_object())
        return Status(StatusCode::BadRequest, "resource list must be an object");
    for (const auto &[name, value] : list.items()) {
        std::string text = value.is_string() ? value.get<std::string>() : value.dump();
        auto quantity = model::Quantity::parse(text);
        if (!quantity)
            return Status(StatusCode::BadRequest,
                          "resource " + name + ": " + quantity.status().message());
        if (name == kCpu)
            out.milliCpu = quantity->milliValue();
        else if (name == kMemory)
            out.memory = quantity->value();
        else if (name == kPods)
            out.pods = quantity->value();
        else
            out.scalars[name] = quantity->milliValue();
    }
    return out;
}

void Resources::add(const Resources &other) {
    milliCpu += other.milliCpu;
    memory += other.memory;
    pods += other.pods;
    for (const auto &[name, value] : other.scalars)
        scalars[name] += value;
}

void Resources::subtract(const Resources &other) {
    milliCpu -= other.milliCpu;
    memory -= other.memory;
    pods -= other.pods;
    for (const auto &[name, value] : other.scalars)
        scalars[name] -= value;
}

void Resources::setMax(const Resources &other) {
    milliCpu = std::max(milliCpu, other.milliCpu);
    memory = std::max(memory, other.memory);
    pods = std::max(pods, other.pods);
    for (const auto &[name, value] : other.scalars) {
        auto &mine = scalars[name];
        mine = std::max(mine, value);
    }
}

int64_t Resources::scalar(std::string_view name) const {
    auto it = scalars.find(name);
    return it == scalars.end() ? 0 : it->second;
}

} // namespace cox::scheduler

// Registry: plugin name -> factory. builtIn() holds every plugin in plugins/; out-of-tree code
// may copy it and add its own before building a Profile.
#pragma once

#include "scheduler/framework.h"

#include <functional>
#include <map>

namespace cox::scheduler {

using PluginFactory = std::function<std::shared_ptr<Plugin>()>;

class Registry {
public:
    static const Registry &builtIn();

    // InvalidArgument-style AlreadyExists when the name is taken.
    Status add(std::string name, PluginFactory factory);
    // NotFound for an unknown name.
    Result<std::shared_ptr<Plugin>> create(const std::string &name) const;
    std::vector<std::string> names() const;

private:
    std::map<std::string, PluginFactory, std::less<>> m_factories;
};

} // namespace cox::scheduler

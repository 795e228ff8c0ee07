// POSIX shell quoting for the commands the pipeline runs on a machine: every path and value goes
// through shellQuote so a name with spaces or quotes can never change what a command does.
#pragma once

#include <string>
#include <string_view>

namespace cox::bootstrap {

// 'text' with embedded single quotes written as '\''.
std::string shellQuote(std::string_view text);

} // namespace cox::bootstrap

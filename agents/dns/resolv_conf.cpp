#include "dns/resolv_conf.h"

#include <fstream>
#include <sstream>

namespace cox::agent::dns {
namespace {

std::vector<std::string> wordsAfter(const std::string &content, const std::string &keyword) {
    std::vector<std::string> out;
    std::istringstream lines(content);
    std::string line;
    while (std::getline(lines, line)) {
        if (auto hash = line.find_first_of("#;"); hash != std::string::npos)
            line.erase(hash);
        std::istringstream words(line);
        std::string first;
        if (!(words >> first) || first != keyword)
            continue;
        for (std::string word; words >> word;)
            out.push_back(word);
    }
    return out;
}

} // namespace

std::string ResolvConf::podContent(const std::string &dnsIp, const std::string &namespace_,
                                   const std::string &clusterDomain,
                                   const std::vector<std::string> &hostSearch) {
    std::string search =
        namespace_ + ".svc." + clusterDomain + " svc." + clusterDomain + " " + clusterDomain;
    // glibc reads at most six search domains.
    for (size_t i = 0; i < hostSearch.size() && i < 3; ++i)
        search += " " + hostSearch[i];
    return "nameserver " + dnsIp + "\nsearch " + search + "\noptions ndots:5\n";
}

std::vector<std::string> ResolvConf::nameservers(const std::string &content) {
    std::vector<std::string> out;
    for (const auto &server : wordsAfter(content, "nameserver"))
        if (server.rfind("127.", 0) != 0 && server != "::1")
            out.push_back(server);
    return out;
}

std::vector<std::string> ResolvConf::hostNameservers(const std::string &path) {
    std::ifstream in(path);
    if (!in)
        return {};
    std::stringstream content;
    content << in.rdbuf();
    return nameservers(content.str());
}

std::vector<std::string> ResolvConf::searchDomains(const std::string &content) {
    auto out = wordsAfter(content, "search");
    // "domain" is the older single-domain form.
    if (out.empty())
        out = wordsAfter(content, "domain");
    return out;
}

} // namespace cox::agent::dns

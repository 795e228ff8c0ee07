#include "auth/kubeconfig.h"
#include "tls/crypto.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <sys/stat.h>

#include <openssl/evp.h>

using namespace cox;
using namespace cox::auth;

namespace {

// A minimal reader for the flat "key: value" lines of our own output (values are unquoted
// JSON-style strings or base64).
std::multimap<std::string, std::string> fields(const std::string &yaml) {
    std::multimap<std::string, std::string> out;
    std::istringstream in(yaml);
    std::string line;
    while (std::getline(in, line)) {
        size_t start = line.find_first_not_of(" -");
        size_t colon = line.find(": ");
        if (start == std::string::npos || colon == std::string::npos)
            continue;
        std::string value = line.substr(colon + 2);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        out.emplace(line.substr(start, colon - start), value);
    }
    return out;
}

std::string base64Decode(const std::string &text) {
    std::string out(text.size(), '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                            reinterpret_cast<const unsigned char *>(text.data()),
                            static_cast<int>(text.size()));
    out.resize(static_cast<size_t>(n));
    while (!text.empty() && text.size() >= 2 && !out.empty() && out.back() == '\0' &&
           text[text.size() - 1] == '=') {
        out.pop_back();
        if (text[text.size() - 2] != '=')
            break;
        out.pop_back();
        break;
    }
    return out;
}

} // namespace

TEST(Kubeconfig, RendersTokenUser) {
    const std::string ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    std::string yaml =
        renderKubeconfig("coxswain", "https://127.0.0.1:6443", ca, "admin", "tok.en");
    auto f = fields(yaml);
    EXPECT_EQ(f.find("apiVersion")->second, "v1");
    EXPECT_EQ(f.find("kind")->second, "Config");
    EXPECT_EQ(f.find("server")->second, "https://127.0.0.1:6443");
    EXPECT_EQ(f.find("token")->second, "tok.en");
    EXPECT_EQ(f.find("current-context")->second, "admin@coxswain");
    EXPECT_EQ(base64Decode(f.find("certificate-authority-data")->second), ca);
    EXPECT_EQ(f.count("client-certificate-data"), 0u);
}

TEST(Kubeconfig, RendersCertificateUserAndQuotesNames) {
    KubeconfigParams p{"my: cluster", "https://[::1]:6443", "CA", "system:node:w1", "", "CERT",
                       "KEY"};
    auto f = fields(renderKubeconfig(p));
    EXPECT_EQ(base64Decode(f.find("client-certificate-data")->second), "CERT");
    EXPECT_EQ(base64Decode(f.find("client-key-data")->second), "KEY");
    EXPECT_EQ(f.count("token"), 0u);
    EXPECT_NE(renderKubeconfig(p).find("name: \"my: cluster\""), std::string::npos);
}

TEST(Kubeconfig, WrittenPrivately) {
    auto dir =
        std::filesystem::temp_directory_path() / ("cox-kc-" + tls::hexEncode(tls::randomBytes(4)));
    std::string path = (dir / "kubeconfig").string();
    ASSERT_TRUE(
        writeKubeconfig(path, "c", "https://127.0.0.1:6443", "CA", "admin", "secret-token").isOk());
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    std::string content;
    ASSERT_TRUE(tls::readFile(path, content).isOk());
    EXPECT_EQ(fields(content).find("token")->second, "secret-token");
    std::filesystem::remove_all(dir);
}

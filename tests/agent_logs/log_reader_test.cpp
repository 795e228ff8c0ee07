// CriLogReader, LogOptions and LogRotator on crafted CRI log files.
#include "logs/cri_log_reader.h"
#include "logs/log_rotator.h"
#include "process.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

namespace cox::agent::logs {
namespace {

using namespace std::chrono_literals;
namespace t = cox::testing;

std::string line(int second, const std::string &stream, char tag, const std::string &text) {
    char ts[64];
    std::snprintf(ts, sizeof ts, "2026-11-28T10:00:%02d.123456789Z", second);
    return std::string(ts) + " " + stream + " " + tag + " " + text + "\n";
}

void append(const std::string &path, const std::string &text) {
    std::ofstream out(path, std::ios::app);
    out << text;
}

std::string readAll(const std::string &path, LogOptions options) {
    CriLogReader reader(path, options);
    std::string out;
    Status s = reader.run([&](std::string_view text) {
        out.append(text);
        return true;
    });
    EXPECT_TRUE(s.isOk()) << s.message();
    return out;
}

class LogReaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = t::makeTempDir("cox-logs");
        m_path = m_dir + "/0.log";
        append(m_path, line(1, "stdout", 'F', "one") + line(2, "stderr", 'F', "two") +
                           line(3, "stdout", 'P', "thr") + line(3, "stdout", 'P', "e") +
                           line(4, "stdout", 'F', "e!") + line(5, "stdout", 'F', "four"));
    }
    void TearDown() override { t::removeTree(m_dir); }
    std::string m_dir;
    std::string m_path;
};

TEST_F(LogReaderTest, JoinsPartialLinesAndKeepsBothStreams) {
    EXPECT_EQ(readAll(m_path, {}), "one\ntwo\nthree!\nfour\n");
}

TEST_F(LogReaderTest, TailLinesCountsMessages) {
    LogOptions o;
    o.tailLines = 2;
    EXPECT_EQ(readAll(m_path, o), "three!\nfour\n");
    o.tailLines = 0;
    EXPECT_EQ(readAll(m_path, o), "");
    o.tailLines = 100;
    EXPECT_EQ(readAll(m_path, o), "one\ntwo\nthree!\nfour\n");
}

TEST_F(LogReaderTest, TimestampsPrefixTheFirstFragmentsTime) {
    LogOptions o;
    o.timestamps = true;
    o.tailLines = 2;
    EXPECT_EQ(readAll(m_path, o), "2026-11-28T10:00:03.123456789Z three!\n"
                                  "2026-11-28T10:00:05.123456789Z four\n");
}

TEST_F(LogReaderTest, SinceTimeDropsOlderMessages) {
    LogOptions o;
    o.since = *parseRfc3339("2026-11-28T10:00:02.5Z");
    EXPECT_EQ(readAll(m_path, o), "three!\nfour\n");
    o.since = *parseRfc3339("2026-11-28T11:00:02.5+01:00"); // = 10:00:02.5Z
    EXPECT_EQ(readAll(m_path, o), "three!\nfour\n");
}

TEST_F(LogReaderTest, LimitBytesCutsTheOutput) {
    LogOptions o;
    o.limitBytes = 6;
    EXPECT_EQ(readAll(m_path, o), "one\ntw");
}

TEST_F(LogReaderTest, MissingFileIsNotFound) {
    CriLogReader reader(m_dir + "/nope.log", {});
    Status s = reader.run([](std::string_view) { return true; });
    EXPECT_EQ(s.code(), StatusCode::NotFound);
}

TEST_F(LogReaderTest, PreviousInstanceHasItsOwnPath) {
    EXPECT_EQ(logPathFor("/var/log/pods/ns_p_uid", "web", 2), "/var/log/pods/ns_p_uid/web/2.log");
    std::filesystem::create_directories(m_dir + "/web");
    append(logPathFor(m_dir, "web", 0), line(1, "stdout", 'F', "first run"));
    append(logPathFor(m_dir, "web", 1), line(2, "stdout", 'F', "second run"));
    EXPECT_EQ(readAll(logPathFor(m_dir, "web", 1 - 1), {}), "first run\n");
}

TEST(LogOptionsTest, ParsesQueryLikeKubernetes) {
    auto now = *parseRfc3339("2026-11-28T10:00:00Z");
    auto o = parseLogOptions({{"follow", "true"},
                              {"tailLines", "5"},
                              {"sinceSeconds", "60"},
                              {"limitBytes", "100"},
                              {"timestamps", "1"}},
                             now);
    ASSERT_TRUE(o) << o.status().message();
    EXPECT_TRUE(o->follow);
    EXPECT_TRUE(o->timestamps);
    EXPECT_FALSE(o->previous);
    EXPECT_EQ(*o->tailLines, 5);
    EXPECT_EQ(*o->limitBytes, 100);
    EXPECT_EQ(*o->since, now - 60s);
    EXPECT_EQ(parseLogOptions({{"tailLines", "x"}}, now).status().code(), StatusCode::BadRequest);
    EXPECT_EQ(parseLogOptions({{"limitBytes", "0"}}, now).status().code(), StatusCode::BadRequest);
    EXPECT_EQ(formatRfc3339Nano(*parseRfc3339("2026-11-28T10:00:01.5Z")),
              "2026-11-28T10:00:01.500000000Z");
}

// A follow reader on its own thread, collecting output.
class Follower {
public:
    explicit Follower(const std::string &path, LogOptions options = {}) {
        options.follow = true;
        m_thread = std::thread([this, path, options] {
            CriLogReader reader(path, options, 20ms);
            m_status = reader.run(
                [this](std::string_view text) {
                    std::lock_guard lock(m_mutex);
                    m_out.append(text);
                    return true;
                },
                [this] { return m_stop.load(); });
        });
    }
    ~Follower() {
        m_stop = true;
        m_thread.join();
    }
    std::string out() {
        std::lock_guard lock(m_mutex);
        return m_out;
    }
    bool waitFor(const std::string &text) {
        return t::waitUntil([&] { return out().find(text) != std::string::npos; }, 10s);
    }

private:
    std::mutex m_mutex;
    std::string m_out;
    std::atomic<bool> m_stop{false};
    Status m_status;
    std::thread m_thread;
};

TEST_F(LogReaderTest, FollowSeesAppendedLines) {
    LogOptions o;
    o.tailLines = 1;
    Follower follower(m_path, o);
    ASSERT_TRUE(follower.waitFor("four\n"));
    append(m_path, line(6, "stdout", 'P', "fi"));
    append(m_path, line(6, "stdout", 'F', "ve"));
    ASSERT_TRUE(follower.waitFor("five\n"));
    EXPECT_EQ(follower.out(), "four\nfive\n");
}

TEST_F(LogReaderTest, FollowSurvivesRenameRotation) {
    Follower follower(m_path);
    ASSERT_TRUE(follower.waitFor("four\n"));
    append(m_path, line(6, "stdout", 'F', "last of old"));
    std::filesystem::rename(m_path, m_path + ".1");
    append(m_path, line(7, "stdout", 'F', "first of new"));
    ASSERT_TRUE(follower.waitFor("first of new\n"));
    EXPECT_EQ(follower.out(), "one\ntwo\nthree!\nfour\nlast of old\nfirst of new\n");
}

TEST_F(LogReaderTest, FollowSurvivesCopyTruncateRotation) {
    Follower follower(m_path);
    ASSERT_TRUE(follower.waitFor("four\n"));
    LogRotator rotator(1, 2);
    auto rotated = rotator.rotateIfNeeded(m_path);
    ASSERT_TRUE(rotated && *rotated);
    EXPECT_EQ(std::filesystem::file_size(m_path), 0u);
    EXPECT_EQ(readAll(m_path + ".1", {}), "one\ntwo\nthree!\nfour\n");
    append(m_path, line(8, "stdout", 'F', "after truncate"));
    ASSERT_TRUE(follower.waitFor("after truncate\n"));
    EXPECT_EQ(follower.out(), "one\ntwo\nthree!\nfour\nafter truncate\n");
}

TEST_F(LogReaderTest, RotatorKeepsAtMostMaxFiles) {
    LogRotator rotator(10, 2);
    for (int i = 0; i < 4; ++i) {
        append(m_path, line(10 + i, "stdout", 'F', "round " + std::to_string(i)));
        auto r = rotator.rotateIfNeeded(m_path);
        ASSERT_TRUE(r && *r);
    }
    EXPECT_TRUE(std::filesystem::exists(m_path + ".1"));
    EXPECT_TRUE(std::filesystem::exists(m_path + ".2"));
    EXPECT_FALSE(std::filesystem::exists(m_path + ".3"));
    EXPECT_EQ(readAll(m_path + ".1", {}), "round 3\n");
    EXPECT_EQ(readAll(m_path + ".2", {}), "round 2\n");
    std::filesystem::create_directories(m_dir + "/pod/web");
    append(m_dir + "/pod/web/0.log", line(30, "stdout", 'F', "a line longer than ten bytes"));
    append(m_dir + "/pod/web/notes.txt", "not a log, never rotated");
    auto tree = rotator.rotateTree(m_dir + "/pod");
    ASSERT_TRUE(tree) << tree.status().message();
    EXPECT_EQ(*tree, 1);
    EXPECT_EQ(readAll(m_dir + "/pod/web/0.log.1", {}), "a line longer than ten bytes\n");
    EXPECT_FALSE(std::filesystem::exists(m_dir + "/pod/web/notes.txt.1"));
    LogRotator big(1 << 20, 2);
    append(m_path, line(20, "stdout", 'F', "small"));
    EXPECT_FALSE(*big.rotateIfNeeded(m_path));
    EXPECT_FALSE(*big.rotateIfNeeded(m_dir + "/absent.log"));
}

} // namespace
} // namespace cox::agent::logs

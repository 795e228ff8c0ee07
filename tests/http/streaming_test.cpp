#include "test_pki.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace cox;
using namespace cox::http;
using namespace cox::http::testing;
using namespace std::chrono_literals;

namespace {

// A counter the test bumps and the handler waits on (bounded), to prove each chunk reached the
// client before the next one was even written.
class Ack {
public:
    void bump() {
        std::lock_guard lock(m_mutex);
        ++m_count;
        m_cv.notify_all();
    }
    bool waitFor(int count) {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, 10s, [&] { return m_count >= count; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    int m_count = 0;
};

class StreamingTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_pki = new TestPki(TestPki::make()); }
    static void TearDownTestSuite() { delete s_pki; }
    static TestPki *s_pki;
};
TestPki *StreamingTest::s_pki = nullptr;

// Streams until the client goes away (bounded); reports whether it noticed.
Handler waitForGoneHandler(std::atomic<bool> &noticed) {
    return [&noticed](const Request &, ResponseSink &sink) {
        if (!sink.beginStream(200, {{"Content-Type", "application/json"}}))
            return;
        sink.writeChunk("{\"type\":\"ADDED\"}\n");
        for (int i = 0; i < 2000; ++i) {
            if (sink.clientGone()) {
                noticed = true;
                return;
            }
            std::this_thread::sleep_for(10ms);
        }
    };
}

} // namespace

TEST_F(StreamingTest, ChunksArriveOneByOne) {
    Ack ack;
    std::atomic<bool> allAcked{true};
    auto server = startServer(*s_pki, [&](const Request &, ResponseSink &sink) {
        ASSERT_TRUE(sink.beginStream(200, {{"Content-Type", "application/json"}}));
        for (int i = 0; i < 3; ++i) {
            sink.writeChunk("{\"n\":" + std::to_string(i) + "}\n");
            if (!ack.waitFor(i + 1))
                allAcked = false;
        }
        sink.endStream();
    });
    auto client = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(client);
    auto stream = client->stream("GET", "/api/v1/pods?watch=1");
    ASSERT_TRUE(stream) << stream.status().message();
    EXPECT_EQ((*stream)->status(), 200);
    EXPECT_EQ((*stream)->headers().at("transfer-encoding"), "chunked");
    for (int i = 0; i < 3; ++i) {
        auto line = (*stream)->nextLine(10s);
        ASSERT_TRUE(line) << line.status().message();
        ASSERT_TRUE(line->has_value());
        EXPECT_EQ(**line, "{\"n\":" + std::to_string(i) + "}");
        ack.bump();
    }
    auto end = (*stream)->nextLine(10s);
    ASSERT_TRUE(end) << end.status().message();
    EXPECT_FALSE(end->has_value());
    EXPECT_TRUE(allAcked);
}

TEST_F(StreamingTest, NextLineTimesOutWhileIdle) {
    Ack release;
    auto server = startServer(*s_pki, [&](const Request &, ResponseSink &sink) {
        sink.beginStream(200, {});
        sink.writeChunk("partial line without newline");
        release.waitFor(1);
        sink.writeChunk(" and its end\n");
        sink.endStream();
    });
    auto client = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(client);
    auto stream = client->stream("GET", "/watch");
    ASSERT_TRUE(stream);
    auto line = (*stream)->nextLine(50ms);
    ASSERT_FALSE(line);
    EXPECT_EQ(line.status().code(), StatusCode::Timeout);
    release.bump();
    line = (*stream)->nextLine(10s);
    ASSERT_TRUE(line && line->has_value()) << line.status().message();
    EXPECT_EQ(**line, "partial line without newline and its end");
}

TEST_F(StreamingTest, ServerNoticesClientGone) {
    std::atomic<bool> noticed{false};
    auto server = startServer(*s_pki, waitForGoneHandler(noticed));
    auto client = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(client);
    auto stream = client->stream("GET", "/watch");
    ASSERT_TRUE(stream);
    ASSERT_TRUE((*stream)->nextLine(10s));
    (*stream)->close();
    for (int i = 0; i < 400 && !noticed; ++i)
        std::this_thread::sleep_for(25ms);
    EXPECT_TRUE(noticed);
}

TEST_F(StreamingTest, StopClosesOpenConnections) {
    std::atomic<bool> noticed{false};
    auto server = startServer(*s_pki, waitForGoneHandler(noticed));
    auto watcher = Client::create(clientConfig(*s_pki, server->port()));
    auto idle = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(watcher && idle);
    auto stream = watcher->stream("GET", "/watch");
    ASSERT_TRUE(stream);
    ASSERT_TRUE((*stream)->nextLine(10s));
    // A second, idle keep-alive connection after a finished request.
    server->stop();
    EXPECT_TRUE(noticed);
    EXPECT_EQ(server->connectionCount(), 0u);
    auto after = (*stream)->nextLine(10s);
    EXPECT_TRUE(!after || !after->has_value()); // ended or broken, never hangs
    EXPECT_FALSE(idle->request("GET", "/"));
}

TEST_F(StreamingTest, StopWithIdleKeepAliveConnection) {
    auto server = startServer(*s_pki, [](const Request &, ResponseSink &sink) {
        sink.send({200, {}, "ok"});
    });
    auto client = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(client);
    ASSERT_TRUE(client->request("GET", "/"));
    EXPECT_EQ(server->connectionCount(), 1u);
    server->stop(); // must not wait for the 60 s idle timeout
    EXPECT_EQ(server->connectionCount(), 0u);
}

TEST_F(StreamingTest, ErrorStatusOnStreamIsAnError) {
    auto server = startServer(*s_pki, [](const Request &, ResponseSink &sink) {
        sink.send({410, {{"Content-Type", "application/json"}}, "{\"reason\":\"Expired\"}"});
    });
    auto client = Client::create(clientConfig(*s_pki, server->port()));
    ASSERT_TRUE(client);
    auto stream = client->stream("GET", "/watch");
    ASSERT_FALSE(stream);
    EXPECT_EQ(stream.status().code(), StatusCode::Gone) << stream.status().message();
    EXPECT_NE(stream.status().message().find("Expired"), std::string::npos);
}

// The body of a streamed (chunked) HTTP response read line by line: each watch event is one
// JSON document terminated by '\n'.
#pragma once

#include "common/result.h"
#include "http/request.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace cox::http {

class TlsStream;
struct ClientStreamState;

class ClientStream {
public:
    ClientStream(std::unique_ptr<TlsStream> conn, std::unique_ptr<ClientStreamState> state,
                 int status, Headers headers);
    ~ClientStream();

    int status() const { return m_status; }
    const Headers &headers() const { return m_headers; }

    // The next line without its '\n'; nullopt once the stream ended (a final unterminated
    // line is returned before that). Timeout when nothing complete arrived within `timeout`.
    Result<std::optional<std::string>> nextLine(std::chrono::milliseconds timeout);
    // Closes the connection (the server sees the client gone).
    void close();

private:
    Status readMore(std::chrono::milliseconds timeout);

    std::unique_ptr<TlsStream> m_conn;
    int m_status;
    Headers m_headers;
    std::unique_ptr<ClientStreamState> m_state; // Beast parser + buffer, kept out of this header
    std::string m_pending;
    bool m_done = false;
};

} // namespace cox::http

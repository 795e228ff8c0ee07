// Internal: the Beast parser state a ClientStream continues from after Client read the headers.
#pragma once

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>

namespace cox::http {

struct ClientStreamState {
    boost::beast::flat_buffer buffer;
    boost::beast::http::response_parser<boost::beast::http::buffer_body> parser;
};

} // namespace cox::http

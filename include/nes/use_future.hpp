#pragma once
// nes::use_future: a completion token like asio::use_future for the SDK's
// operations, whose future holds the whole completion, (error_code,
// Result<T>), as a tuple. Nothing is thrown, so a refusal keeps the portal's
// Problem (its code, field errors and request id):
//
//   auto [ec, session] = client.async_login(credentials, nes::use_future).get();
//   if (ec == nes::errc::portal_refused && session.problem()->is("invalid_credentials")) …
//
// asio::use_future throws a non-zero error_code as boost::system::system_error
// and loses the Problem; asio::as_tuple(asio::use_future) does not compose in
// Boost 1.81.

#include <boost/asio/async_result.hpp>

#include <future>
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>

namespace nes {

struct use_future_t {};
inline constexpr use_future_t use_future{};

}  // namespace nes

/// @cond BOOST_SPECIALIZATIONS
template <class... Args>
struct boost::asio::async_result<nes::use_future_t, void(Args...)> {
  using Tuple = std::tuple<std::decay_t<Args>...>;
  template <class Initiation, class... InitArgs>
  static std::future<Tuple> initiate(Initiation&& initiation, nes::use_future_t, InitArgs&&... args) {
    auto promise = std::make_shared<std::promise<Tuple>>();
    auto future = promise->get_future();
    std::forward<Initiation>(initiation)([promise](Args... values) { promise->set_value(Tuple(std::move(values)...)); },
                                         std::forward<InitArgs>(args)...);
    return future;
  }
};
/// @endcond

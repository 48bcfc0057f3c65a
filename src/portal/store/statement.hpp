#pragma once
// The portal's store uses the SDK's SQLite helpers (src/sqlite).

#include "sqlite/statement.hpp"

namespace nes::portal::store {

using sqlite::Statement;
using sqlite::Transaction;

}  // namespace nes::portal::store

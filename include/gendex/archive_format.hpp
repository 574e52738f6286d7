// The two archive formats of gendex's saved objects (serialization.hpp,
// micro/accumulator.hpp), in a header of their own so that code saving one
// kind of object need not include the others.
#pragma once

namespace gendex {

enum class ArchiveFormat { binary, text };

}  // namespace gendex

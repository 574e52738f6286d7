// Boost.Serialization of micro::Accumulator, so partitions accumulated
// anywhere can be saved, shipped and merged. The guards of archive_support.hpp
// (envelope of kind "accumulator", bounded lengths, doubles as bit patterns),
// a class version, and Accumulator::from_parts re-validating what was read.
#include "archive_support.hpp"
#include "gendex/micro/accumulator.hpp"

namespace gendex::micro::archive_detail {

/// Boost needs a named type to attach a class version to.
struct AccumulatorPayload {
    AccumulatorParts parts;
};

}  // namespace gendex::micro::archive_detail

BOOST_CLASS_VERSION(gendex::micro::archive_detail::AccumulatorPayload, gendex::micro::accumulator_archive_version)

namespace boost::serialization {

namespace mad = gendex::archive_support;
using gendex::micro::archive_detail::AccumulatorPayload;

template <class Archive>
void save(Archive& ar, const AccumulatorPayload& payload, unsigned /*version*/) {
    const auto& p = payload.parts;
    const std::uint64_t k = p.variables.size();
    ar << k;
    for (const auto& v : p.variables) mad::save_string(ar, v);
    const std::uint32_t domains = p.domains;
    const auto lonely = static_cast<std::uint8_t>(p.lonely_psu);
    ar << domains << lonely;
    mad::save_vector(ar, p.domain_rows);
    mad::save_doubles(ar, p.domain_sums);
    const std::uint8_t cells = p.has_cells ? 1 : 0;
    ar << cells;
    mad::save_vector(ar, p.psu_stratum);
    mad::save_vector(ar, p.cell_psu);
    mad::save_vector(ar, p.cell_domain);
    mad::save_vector(ar, p.cell_rows);
    mad::save_doubles(ar, p.cell_sums);
    const std::uint32_t reps = p.replicates;
    ar << reps;
    const auto& s = p.replicate_spec;
    const auto type = static_cast<std::uint8_t>(s.type);
    const std::uint8_t has_scale = s.scale ? 1 : 0, mse = s.mse ? 1 : 0, combined = s.combined_weights ? 1 : 0;
    ar << type << has_scale;
    mad::save_double(ar, s.scale.value_or(0.0));
    mad::save_doubles(ar, s.rscales);
    mad::save_double(ar, s.rho);
    ar << mse << combined;
    mad::save_doubles(ar, p.replicate_sums);
    mad::save_doubles(ar, p.stratum_population);  // class version 2
    mad::save_doubles(ar, p.domain_products);     // class version 3
}

template <class Archive>
void load(Archive& ar, AccumulatorPayload& payload, unsigned version) {
    if (version == 0 || version > gendex::micro::accumulator_archive_version)
        throw gendex::archive_error("Accumulator archive has class version " + std::to_string(version) +
                                    "; this gendex reads versions 1 to " +
                                    std::to_string(gendex::micro::accumulator_archive_version));
    auto& p = payload.parts;
    const std::uint64_t k = mad::load_length(ar);
    for (std::uint64_t i = 0; i < k; ++i) p.variables.push_back(mad::load_string(ar));  // grows as data arrives
    std::uint32_t domains = 0;
    std::uint8_t lonely = 0;
    ar >> domains >> lonely;
    if (lonely > static_cast<std::uint8_t>(gendex::micro::LonelyPsu::average))
        throw gendex::archive_error("unknown lonely-PSU option code " + std::to_string(lonely));
    p.domains = domains;
    p.lonely_psu = static_cast<gendex::micro::LonelyPsu>(lonely);
    p.domain_rows = mad::load_vector<Archive, std::uint64_t>(ar);
    p.domain_sums = mad::load_doubles(ar);
    std::uint8_t cells = 0;
    ar >> cells;
    if (cells > 1) throw gendex::archive_error("invalid cell flag");
    p.has_cells = cells == 1;
    p.psu_stratum = mad::load_vector<Archive, gendex::micro::code32>(ar);
    p.cell_psu = mad::load_vector<Archive, gendex::micro::code32>(ar);
    p.cell_domain = mad::load_vector<Archive, gendex::micro::code32>(ar);
    p.cell_rows = mad::load_vector<Archive, std::uint64_t>(ar);
    p.cell_sums = mad::load_doubles(ar);
    std::uint32_t reps = 0;
    ar >> reps;
    p.replicates = reps;
    auto& s = p.replicate_spec;
    std::uint8_t type = 0, has_scale = 0, mse = 0, combined = 0;
    ar >> type >> has_scale;
    if (type > static_cast<std::uint8_t>(gendex::micro::ReplicateType::other) || has_scale > 1)
        throw gendex::archive_error("invalid replicate type or scale flag");
    s.type = static_cast<gendex::micro::ReplicateType>(type);
    const double scale = mad::load_double(ar);
    if (has_scale) s.scale = scale;
    s.rscales = mad::load_doubles(ar);
    s.rho = mad::load_double(ar);
    ar >> mse >> combined;
    if (mse > 1 || combined > 1) throw gendex::archive_error("invalid replicate flags");
    s.mse = mse == 1;
    s.combined_weights = combined == 1;
    p.replicate_sums = mad::load_doubles(ar);
    if (version >= 2) p.stratum_population = mad::load_doubles(ar);
    if (version >= 3) p.domain_products = mad::load_doubles(ar);
}

template <class Archive>
void serialize(Archive& ar, AccumulatorPayload& p, unsigned version) {
    split_free(ar, p, version);
}

}  // namespace boost::serialization

namespace gendex::micro {

std::string to_archive(const Accumulator& acc, ArchiveFormat format) {
    return archive_support::write(archive_detail::AccumulatorPayload{acc.parts()}, format, "accumulator");
}

Accumulator accumulator_from_archive(std::string_view bytes, std::string_view name) {
    auto payload =
        archive_support::read<archive_detail::AccumulatorPayload>(bytes, "accumulator", "an accumulator", name);
    try {
        return Accumulator::from_parts(std::move(payload.parts));
    } catch (const error& e) {
        throw archive_error(std::string(name) + ": corrupted archive (" + e.what() + ")");
    }
}

}  // namespace gendex::micro

// The algo.* procedures (pageRank, betweenness, components, degree,
// shortestPath): graph algorithms over the statement's snapshot, callable
// with CALL ... YIELD inside any query.
#pragma once

namespace dyad::query::algo {

// Registers the algo.* procedures once (later calls do nothing). It runs
// from a static initializer of dyad_query, which CMake keeps linked into
// every binary through the dyad_algo_procedures_anchor symbol; calling it
// again is harmless.
void RegisterAlgorithmProcedures();

}  // namespace dyad::query::algo

// Referenced by the linker (-Wl,--undefined) so that the registering object
// file is never dropped from the static library.
extern "C" int dyad_algo_procedures_anchor;

// The `uri` of a DatasourceDatasetFacet, which consumers check as an RFC 3986 URI: artifacts
// carry a URI ("s3://models/churn/3/model.pkl") or an absolute path, and a path becomes a
// file:// URI with what a URI cannot hold percent-encoded.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mlobs::openlineage {

// A "scheme://..." URI as it is (nullopt when it holds spaces, control characters or others a
// URI never does); an absolute path as file://<path, percent-encoded>; nullopt for the rest.
std::optional<std::string> dataset_uri(std::string_view artifact_uri);

}  // namespace mlobs::openlineage

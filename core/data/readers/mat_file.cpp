#include "core/data/readers/mat_file.h"

#include "core/data/data_error.h"

#include <matio.h>

#include <cmath>
#include <memory>

namespace binvit::data {
namespace {

struct MatCloser {
  void operator()(mat_t* mat) const { Mat_Close(mat); }
};
struct VarFreer {
  void operator()(matvar_t* var) const { Mat_VarFree(var); }
};

template <typename T>
std::vector<double> as_doubles(const void* data, size_t count) {
  const T* values = static_cast<const T*>(data);
  return std::vector<double>(values, values + count);
}

// matio keeps the stored element type; integer label files are as common as double ones.
std::vector<double> numeric_values(const matvar_t& var, const std::filesystem::path& file,
                                   const std::string& name) {
  size_t count = var.rank > 0 ? 1 : 0;
  for (int d = 0; d < var.rank; ++d) count *= var.dims[d];
  if (var.isComplex != 0 || (var.data == nullptr && count != 0)) {
    throw DataError(file, "variable '" + name + "' is not a real numeric array");
  }
  switch (var.data_type) {
    case MAT_T_DOUBLE: return as_doubles<double>(var.data, count);
    case MAT_T_SINGLE: return as_doubles<float>(var.data, count);
    case MAT_T_UINT8: return as_doubles<uint8_t>(var.data, count);
    case MAT_T_INT8: return as_doubles<int8_t>(var.data, count);
    case MAT_T_UINT16: return as_doubles<uint16_t>(var.data, count);
    case MAT_T_INT16: return as_doubles<int16_t>(var.data, count);
    case MAT_T_UINT32: return as_doubles<uint32_t>(var.data, count);
    case MAT_T_INT32: return as_doubles<int32_t>(var.data, count);
    case MAT_T_UINT64: return as_doubles<uint64_t>(var.data, count);
    case MAT_T_INT64: return as_doubles<int64_t>(var.data, count);
    default: break;
  }
  throw DataError(file, "variable '" + name + "' is not a numeric array");
}

}  // namespace

std::vector<int64_t> read_mat_integers(const std::filesystem::path& file, const std::string& name) {
  std::unique_ptr<mat_t, MatCloser> mat(Mat_Open(file.string().c_str(), MAT_ACC_RDONLY));
  if (!mat) throw DataError(file, "missing file or not a MATLAB .mat file");
  std::unique_ptr<matvar_t, VarFreer> var(Mat_VarRead(mat.get(), name.c_str()));
  if (!var) throw DataError(file, "has no variable '" + name + "'");
  std::vector<int64_t> integers;
  for (double value : numeric_values(*var, file, name)) {
    if (value != std::floor(value)) {
      throw DataError(file, "variable '" + name + "' holds a non-integer value " +
                                std::to_string(value));
    }
    integers.push_back(static_cast<int64_t>(value));
  }
  return integers;
}

}  // namespace binvit::data

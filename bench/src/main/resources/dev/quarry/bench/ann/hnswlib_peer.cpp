// The native peer of `bin/bench ann`: hnswlib (Debian's libhnswlib-dev headers) over the same
// vectors, driven by HnswlibEngine through a binary protocol on stdin/stdout (little-endian):
//   in:  int32 n, int32 dim, n*dim float32 base vectors
//   out: float64 build wall s, float64 build CPU s, int64 index bytes (after saving to argv[1])
//   then per request, in: int32 count, int32 k, int32 ef, count*dim float32 queries;
//                     out: int64 nanoseconds of the searches alone, count*k int32 labels (-1 pads)
// count 0 ends. The searches are timed here, so the pipe costs nothing in queries/s.
// Usage: hnswlib_peer INDEX_FILE ip|l2 M EF_CONSTRUCTION   (one thread; seed 100, hnswlib's own)
#include <hnswlib/hnswlib.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

static void readFully(void* into, size_t bytes) {
  if (bytes > 0 && fread(into, 1, bytes, stdin) != bytes) {
    fprintf(stderr, "hnswlib_peer: input ended early\n");
    exit(2);
  }
}

static void writeFully(const void* from, size_t bytes) {
  if (fwrite(from, 1, bytes, stdout) != bytes) {
    exit(3);
  }
}

static double cpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: hnswlib_peer INDEX_FILE ip|l2 M EF_CONSTRUCTION\n");
    return 1;
  }
  std::string indexFile = argv[1];
  bool l2 = std::strcmp(argv[2], "l2") == 0;
  size_t m = std::strtoul(argv[3], nullptr, 10);
  size_t efConstruction = std::strtoul(argv[4], nullptr, 10);
  int32_t header[2];
  readFully(header, sizeof header);
  size_t n = header[0], dim = header[1];
  std::vector<float> base(n * dim);
  readFully(base.data(), base.size() * sizeof(float));

  hnswlib::L2Space l2Space(dim);
  hnswlib::InnerProductSpace ipSpace(dim);
  hnswlib::SpaceInterface<float>* space = l2 ? static_cast<hnswlib::SpaceInterface<float>*>(&l2Space)
                                             : static_cast<hnswlib::SpaceInterface<float>*>(&ipSpace);
  double cpu0 = cpuSeconds();
  auto wall0 = std::chrono::steady_clock::now();
  hnswlib::HierarchicalNSW<float> index(space, n, m, efConstruction);
  for (size_t i = 0; i < n; i++) {
    index.addPoint(base.data() + i * dim, i);
  }
  double built[2] = {
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count(),
      cpuSeconds() - cpu0};
  base.clear();
  base.shrink_to_fit();
  index.saveIndex(indexFile);
  FILE* saved = fopen(indexFile.c_str(), "rb");
  fseek(saved, 0, SEEK_END);
  int64_t bytes = ftell(saved);
  fclose(saved);
  writeFully(built, sizeof built);
  writeFully(&bytes, sizeof bytes);
  fflush(stdout);

  std::vector<float> queries;
  std::vector<int32_t> labels;
  for (;;) {
    int32_t request[3];
    readFully(request, sizeof request);
    size_t count = request[0], k = request[1];
    if (count == 0) {
      return 0;
    }
    index.setEf(request[2]);
    queries.resize(count * dim);
    readFully(queries.data(), queries.size() * sizeof(float));
    labels.assign(count * k, -1);
    auto t0 = std::chrono::steady_clock::now();
    for (size_t q = 0; q < count; q++) {
      auto top = index.searchKnn(queries.data() + q * dim, k);
      // The queue pops the farthest first: fill from the back.
      for (size_t i = top.size(); i > 0; i--) {
        labels[q * k + i - 1] = static_cast<int32_t>(top.top().second);
        top.pop();
      }
    }
    int64_t nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    writeFully(&nanos, sizeof nanos);
    writeFully(labels.data(), labels.size() * sizeof(int32_t));
    fflush(stdout);
  }
}

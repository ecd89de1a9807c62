// The fast PNG path (decodeSimplePng), for 1 and 3 channels. When it accepts a file and
// OpenCV's general decoder (libpng) decodes it too, both must give the same pixels: the
// fast path is only an optimisation, never a different reading of the file.
#include "FuzzSupport.h"

#include "data/PngFastDecode.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstring>

#include <fcntl.h>
#include <unistd.h>

using namespace mlwb;
using namespace mlwb::detail;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const std::vector<char> bytes(data, data + size); // a copy: ASan sees its end
    for (int channels : {1, 3}) {
        SimplePng png;
        if (!decodeSimplePng(bytes.data(), qint64(bytes.size()), channels, png))
            continue;
        MLWB_FUZZ_CHECK(png.width > 0 && png.height > 0 && png.channels == channels);
        MLWB_FUZZ_CHECK(png.pixels.size() == size_t(png.width) * size_t(png.height) * size_t(channels));
        cv::Mat general;
        // libpng writes its complaints to stderr itself: silence them for the call.
        static const int devNull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        const int savedStderr = ::dup(2);
        ::dup2(devNull, 2);
        try {
            general = cv::imdecode(cv::Mat(1, int(size), CV_8UC1, const_cast<char *>(bytes.data())),
                                   channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
        } catch (const cv::Exception &) {
        }
        ::dup2(savedStderr, 2);
        ::close(savedStderr);
        if (general.empty()) // libpng is stricter about some things (chunk order, names): not a bug here
            continue;
        MLWB_FUZZ_CHECK(general.cols == png.width && general.rows == png.height && general.channels() == channels);
        for (int y = 0; y < png.height; ++y) {
            const std::uint8_t *row = general.ptr<std::uint8_t>(y);
            const std::uint8_t *fast = png.pixels.data() + size_t(y) * size_t(png.width) * size_t(channels);
            for (int x = 0; x < png.width * channels; ++x) {
                // OpenCV gives B, G, R; the fast path R, G, B.
                const int c = x % channels, from = channels == 3 ? x - c + (2 - c) : x;
                MLWB_FUZZ_CHECK(row[from] == fast[x]);
            }
        }
    }
    return 0;
}

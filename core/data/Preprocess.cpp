#include "data/Preprocess.h"

#include "common/Error.h"

#include <QImage>
#include <QImageReader>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace mlwb {
namespace {

constexpr int outSide = 28;
constexpr int fitSide = 20;
constexpr double minInkContrast = 48; // weaker than this over the background is not a drawing

// The image as white ink on a zero background, with what was found on the way.
struct Ink {
    cv::Mat image;          // CV_8UC1, background 0
    double maxValue = 0;
    double threshold = 0;   // pixels above it are ink
};

cv::Mat borderPixels(const cv::Mat &img)
{
    const int t = std::max(1, std::min(img.cols, img.rows) / 20);
    std::vector<std::uint8_t> values;
    for (int y = 0; y < img.rows; ++y) {
        const auto *row = img.ptr<std::uint8_t>(y);
        const bool fullRow = y < t || y >= img.rows - t;
        for (int x = 0; x < img.cols; ++x)
            if (fullRow || x < t || x >= img.cols - t)
                values.push_back(row[x]);
    }
    return cv::Mat(values, true);
}

// Clears ink blobs far smaller than the drawing (a sensor's hot pixels, dust on a scan): each
// would otherwise stretch the bounding box that the digit is cropped to. A blob under 2% of
// all ink pixels goes; the strokes of a digit, even a broken one, are far larger.
void dropSpecks(cv::Mat &img)
{
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(img > 0, labels, stats, centroids, 8, CV_32S);
    if (count <= 2) // background and at most one blob
        return;
    int total = 0;
    for (int i = 1; i < count; ++i)
        total += stats.at<int>(i, cv::CC_STAT_AREA);
    std::vector<bool> speck(size_t(count), false);
    bool any = false;
    for (int i = 1; i < count; ++i)
        any |= speck[size_t(i)] = stats.at<int>(i, cv::CC_STAT_AREA) * 50 < total;
    if (!any)
        return;
    for (int y = 0; y < img.rows; ++y) {
        std::uint8_t *row = img.ptr<std::uint8_t>(y);
        const int *label = labels.ptr<int>(y);
        for (int x = 0; x < img.cols; ++x)
            if (speck[size_t(label[x])])
                row[x] = 0;
    }
}

Ink findInk(const GrayImage &in)
{
    Ink ink;
    if (in.width <= 0 || in.height <= 0 || in.pixels.size() != size_t(in.width) * size_t(in.height))
        return ink;
    const cv::Mat src(in.height, in.width, CV_8UC1, const_cast<std::uint8_t *>(in.pixels.data()));
    cv::Mat img = src.clone();
    // Paper is lighter than the mean of the whole picture; a dark canvas is darker.
    if (cv::mean(borderPixels(img))[0] > cv::mean(img)[0])
        cv::bitwise_not(img, img);
    // Remove the background level (grey paper, a lit screen): its median on the border.
    cv::Mat border = borderPixels(img);
    std::nth_element(border.begin<std::uint8_t>(), border.begin<std::uint8_t>() + border.total() / 2,
                     border.end<std::uint8_t>());
    const double background = border.at<std::uint8_t>(int(border.total() / 2));
    cv::subtract(img, cv::Scalar(background), img);
    cv::minMaxLoc(img, nullptr, &ink.maxValue);
    if (ink.maxValue < minInkContrast)
        return ink;
    cv::Mat unused;
    const double otsu = cv::threshold(img, unused, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // Half of Otsu's level keeps anti-aliased edges but drops noise (JPEG, sensor).
    ink.threshold = std::max(otsu / 2, minInkContrast / 2);
    cv::threshold(img, img, ink.threshold, 0, cv::THRESH_TOZERO);
    dropSpecks(img);
    cv::minMaxLoc(img, nullptr, &ink.maxValue);
    if (ink.maxValue <= 0)
        return ink;
    ink.image = img;
    return ink;
}

GrayImage toGrayImage(const cv::Mat &m)
{
    GrayImage out;
    out.width = m.cols;
    out.height = m.rows;
    out.pixels.resize(size_t(m.cols) * size_t(m.rows));
    for (int y = 0; y < m.rows; ++y)
        std::copy(m.ptr<std::uint8_t>(y), m.ptr<std::uint8_t>(y) + m.cols, out.pixels.data() + size_t(y) * size_t(m.cols));
    return out;
}

} // namespace

GrayImage fromQImage(const QImage &image)
{
    GrayImage out;
    if (image.isNull())
        return out;
    out.width = image.width();
    out.height = image.height();
    out.pixels.resize(size_t(out.width) * size_t(out.height));
    if (image.format() == QImage::Format_Grayscale8) {
        for (int y = 0; y < out.height; ++y)
            std::copy_n(image.constScanLine(y), out.width, out.pixels.data() + size_t(y) * size_t(out.width));
        return out;
    }
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    auto luma = [](QRgb p) { return (qRed(p) * 299 + qGreen(p) * 587 + qBlue(p) * 114 + 500) / 1000; };
    // Transparent pixels go on the background that contrasts with the visible strokes:
    // white under dark strokes, black under light ones.
    int background = 0;
    if (argb.hasAlphaChannel()) {
        double inkSum = 0, alphaSum = 0;
        for (int y = 0; y < out.height; ++y) {
            const auto *row = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
            for (int x = 0; x < out.width; ++x) {
                inkSum += double(luma(row[x])) * qAlpha(row[x]);
                alphaSum += qAlpha(row[x]);
            }
        }
        background = alphaSum > 0 && inkSum / alphaSum < 128 ? 255 : 0;
    }
    for (int y = 0; y < out.height; ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        std::uint8_t *dst = out.pixels.data() + size_t(y) * size_t(out.width);
        for (int x = 0; x < out.width; ++x) {
            const int a = qAlpha(row[x]);
            dst[x] = std::uint8_t((luma(row[x]) * a + background * (255 - a) + 127) / 255);
        }
    }
    return out;
}

GrayImage loadGrayImage(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true); // photos: honour the EXIF orientation
    const QImage image = reader.read();
    if (image.isNull())
        throw Error(QStringLiteral("%1: cannot read it as an image: %2").arg(path, reader.errorString()));
    return fromQImage(image);
}

bool looksEmpty(const GrayImage &in)
{
    const Ink ink = findInk(in);
    if (ink.image.empty())
        return true;
    const qint64 area = qint64(in.width) * in.height;
    return cv::countNonZero(ink.image) < std::max<qint64>(2, area / 5000);
}

GrayImage preprocessMnistStyle(const GrayImage &in)
{
    const Ink ink = findInk(in);
    cv::Mat canvas = cv::Mat::zeros(outSide, outSide, CV_8UC1);
    if (ink.image.empty())
        return toGrayImage(canvas);

    // Crop to the ink and stretch it to full white, as MNIST digits are.
    const cv::Rect box = cv::boundingRect(ink.image);
    cv::Mat crop;
    ink.image(box).convertTo(crop, CV_8UC1, 255.0 / ink.maxValue);

    // Longer side → 20 px, keeping the aspect ratio (area averaging when shrinking).
    const double scale = double(fitSide) / std::max(box.width, box.height);
    const cv::Size fitted(std::clamp(int(std::lround(box.width * scale)), 1, fitSide),
                          std::clamp(int(std::lround(box.height * scale)), 1, fitSide));
    cv::Mat patch;
    cv::resize(crop, patch, fitted, 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);

    // Centre of mass in pixel-index coordinates. MNIST's digits have theirs at (14, 14) on
    // average (measured over its training images), half a pixel right of and below the
    // field's geometric centre (13.5, 13.5): match the data the models learnt from.
    const cv::Moments m = cv::moments(patch);
    if (m.m00 <= 0)
        return toGrayImage(canvas);
    const double cx = m.m10 / m.m00, cy = m.m01 / m.m00;
    // Shift so the mass sits at (14, 14), keeping the 20×20 box inside the field.
    const double dx = std::clamp(outSide / 2.0 - cx, 0.0, double(outSide - patch.cols));
    const double dy = std::clamp(outSide / 2.0 - cy, 0.0, double(outSide - patch.rows));
    // Sub-pixel shift by linear interpolation, which keeps the centre of mass exact.
    const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, dx, 0, 1, dy);
    cv::warpAffine(patch, canvas, shift, canvas.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    return toGrayImage(canvas);
}

} // namespace mlwb

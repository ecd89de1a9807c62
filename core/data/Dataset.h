#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <vector>

namespace mlwb {

// Which part of its source a sample came from. The validation split is carved out of
// Train later (see Splits.h), deterministically for a seed.
enum class Subset : std::uint8_t { Train = 0, Test = 1 };

// An image-classification data set in its compact form: uint8 pixels N×C×H×W, one label
// per image (class index), and the subset each image came from. It stays uint8 until a
// batch is formed. Shared between trainer and views as std::shared_ptr<const Dataset>.
struct Dataset {
    int channels = 1;
    int height = 28;
    int width = 28;
    QStringList classNames;             // index = label
    std::vector<std::uint8_t> pixels;   // size() * imageBytes()
    std::vector<std::uint8_t> labels;   // size()
    std::vector<std::uint8_t> subsets;  // size(), values of Subset

    qsizetype size() const { return qsizetype(labels.size()); }
    qsizetype imageBytes() const { return qsizetype(channels) * height * width; }
    const std::uint8_t *image(qsizetype i) const { return pixels.data() + i * imageBytes(); }
    Subset subset(qsizetype i) const { return Subset(subsets[size_t(i)]); }
    qsizetype count(Subset s) const;
    std::vector<qint64> classCounts(Subset s) const;

    // Appends every sample of `other`, which must have the same geometry and classes.
    void append(const Dataset &other);

    // Throws Error when sizes disagree or a label is outside classNames. `origin` names
    // the file or folder for the message.
    void validate(const QString &origin) const;

    // SHA-256 (hex) over geometry, class names, pixels, labels and subsets: the data set
    // version id. Equal content, equal id.
    QString contentHash() const;
};

using DatasetPtr = std::shared_ptr<const Dataset>;

} // namespace mlwb

// The SHA-256 behind production image hashes: the published test vectors, and the same digest
// as QCryptographicHash for every length around the block boundaries, however split.
#include "production/Sha256.h"

#include <QCryptographicHash>
#include <QtTest>

#include <random>

using namespace mlwb;

class TestSha256 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void publishedVectors()
    {
        QCOMPARE(sha256({""}).toHex(), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha256({"abc"}).toHex(), QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(sha256({"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"}).toHex(),
                 QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        QCOMPARE(sha256({QByteArray(1000000, 'a')}).toHex(),
                 QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    void sameAsQtForAnyLengthAndSplit()
    {
        std::mt19937 random(7);
        for (int length = 0; length <= 300; ++length) {
            QByteArray bytes(length, Qt::Uninitialized);
            for (char &c : bytes)
                c = char(random());
            const int first = int(random() % unsigned(length + 1));
            const int second = first + int(random() % unsigned(length - first + 1));
            const QByteArrayView all(bytes);
            const QByteArray expected = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
            QCOMPARE(sha256({all}), expected);
            QCOMPARE(sha256({all.first(first), all.sliced(first, second - first), all.sliced(second)}), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "test_sha256.moc"

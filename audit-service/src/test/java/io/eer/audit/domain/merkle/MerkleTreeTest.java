package io.eer.audit.domain.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.audit.domain.ledger.LedgerHash;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 6962 roots of the certificate-transparency test leaves, recomputed with Python's hashlib. */
    private static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    private static List<byte[]> ctLeaves() {
        List<byte[]> leaves = new ArrayList<>();
        for (String input : new String[] {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"}) {
            leaves.add(LedgerHash.leaf(HEX.parseHex(input)));
        }
        return leaves;
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(LedgerHash.leaf(("leaf " + i).getBytes()));
        }
        return leaves;
    }

    @Test
    void root_matchesTheRfc6962TestVectors_andTheFrontierAgrees() {
        List<byte[]> leaves = ctLeaves();
        MerkleFrontier frontier = new MerkleFrontier();
        assertThat(HEX.formatHex(MerkleTree.root(leaves, 0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(frontier.root()).isEqualTo(MerkleTree.root(leaves, 0));
        for (int size = 1; size <= 8; size++) {
            frontier.add(leaves.get(size - 1));
            assertThat(HEX.formatHex(MerkleTree.root(leaves, size))).as("size %d", size).isEqualTo(ROOTS[size - 1]);
            assertThat(HEX.formatHex(frontier.root())).as("frontier at %d", size).isEqualTo(ROOTS[size - 1]);
        }
    }

    @Test
    void frontier_equalsTheRecursiveRoot_atEverySizeUpTo70() {
        List<byte[]> leaves = leaves(70);
        MerkleFrontier frontier = new MerkleFrontier();
        for (int size = 1; size <= 70; size++) {
            frontier.add(leaves.get(size - 1));
            assertThat(frontier.root()).as("size %d", size).isEqualTo(MerkleTree.root(leaves, size));
        }
    }

    @Test
    void inclusionProofs_verifyForEveryLeaf_andFailForAnotherLeafOrRoot() {
        List<byte[]> leaves = leaves(21);
        for (int size = 1; size <= 21; size++) {
            byte[] root = MerkleTree.root(leaves, size);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = MerkleTree.inclusionProof(leaves, index, size);
                assertThat(MerkleTree.verifyInclusion(leaves.get(index), index, size, proof, root))
                        .as("%d in %d", index, size).isTrue();
                if (size > 1) {
                    int other = (index + 1) % size;
                    assertThat(MerkleTree.verifyInclusion(leaves.get(other), index, size, proof, root)).isFalse();
                    assertThat(MerkleTree.verifyInclusion(leaves.get(index), index, size, proof,
                            MerkleTree.root(leaves, size - 1))).isFalse();
                }
            }
        }
    }

    @Test
    void consistencyProofs_verifyForEveryPair_andFailForARewrittenPrefix() {
        List<byte[]> leaves = leaves(21);
        List<byte[]> rewritten = new ArrayList<>(leaves);
        rewritten.set(2, LedgerHash.leaf("forged".getBytes()));
        for (int from = 1; from <= 21; from++) {
            for (int to = from; to <= 21; to++) {
                List<byte[]> proof = MerkleTree.consistencyProof(leaves, from, to);
                assertThat(MerkleTree.verifyConsistency(from, to, proof, MerkleTree.root(leaves, from),
                        MerkleTree.root(leaves, to))).as("%d -> %d", from, to).isTrue();
                if (from > 2 && from < to) {
                    List<byte[]> forgedProof = MerkleTree.consistencyProof(rewritten, from, to);
                    assertThat(MerkleTree.verifyConsistency(from, to, forgedProof, MerkleTree.root(leaves, from),
                            MerkleTree.root(rewritten, to))).as("forged %d -> %d", from, to).isFalse();
                }
            }
        }
    }
}

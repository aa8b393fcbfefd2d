package io.eer.ledger.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cached tree gives {@link MerkleTree}'s roots and proofs byte for byte, at every size and pair up to 70. */
class MerkleLevelsTest {

    private static final int MAX = 70;

    @Test
    void rootsAndProofs_equalTheRecursiveOnes_atEverySizeAndPair() {
        List<byte[]> leaves = new ArrayList<>();
        MerkleLevels levels = new MerkleLevels();
        assertThat(levels.root(0)).isEqualTo(MerkleTree.root(leaves, 0));
        for (int i = 0; i < MAX; i++) {
            byte[] leaf = LedgerHash.leaf(("leaf " + i).getBytes());
            leaves.add(leaf);
            levels.add(leaf);
        }
        assertThat(levels.size()).isEqualTo(MAX);
        for (int size = 0; size <= MAX; size++) {
            assertThat(levels.root(size)).as("root %d", size).isEqualTo(MerkleTree.root(leaves, size));
            for (int index = 0; index < size; index++) {
                assertThat(levels.inclusionProof(index, size)).as("inclusion %d of %d", index, size)
                        .containsExactlyElementsOf(MerkleTree.inclusionProof(leaves, index, size));
            }
            for (int from = 0; from <= size; from++) {
                assertThat(levels.consistencyProof(from, size)).as("consistency %d -> %d", from, size)
                        .containsExactlyElementsOf(MerkleTree.consistencyProof(leaves, from, size));
            }
        }
    }

    @Test
    void aSizeBeyondTheLeaves_orABadLeaf_isRefused() {
        MerkleLevels levels = new MerkleLevels();
        levels.add(new byte[32]);
        assertThatThrownBy(() -> levels.root(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> levels.consistencyProof(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> levels.inclusionProof(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> levels.add(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}

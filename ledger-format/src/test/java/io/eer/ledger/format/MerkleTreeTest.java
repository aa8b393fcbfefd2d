package io.eer.ledger.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * RFC 6962 roots of the Certificate Transparency reference test tree (8 leaves, {@link #ctLeaves()}), sizes 1..8:
     * google/certificate-transparency {@code cpp/merkletree/merkle_tree_test.cc} ({@code kSHA256Roots}) and
     * transparency-dev/merkle {@code testonly/constants.go} (RootHashes); also recomputed with Python's hashlib.
     */
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

    /**
     * Inclusion proofs of the reference tree, from transparency-dev/merkle {@code testonly/reference_test.go}
     * ({@code TestRefInclusionProof}, commit 141d627eab770a7e9a2514f46a8b6338e6d90874): index, size, the audit path.
     */
    private static final Object[][] CT_INCLUSION = {
        {0, 1, new String[] {}},
        {0, 2, new String[] {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"}},
        {1, 2, new String[] {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"}},
        {2, 3, new String[] {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
        {1, 5, new String[] {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
        {0, 8, new String[] {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
        {5, 8, new String[] {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    };

    /** Consistency proofs of the reference tree, same source ({@code TestRefConsistencyProof}): from, to, proof. */
    private static final Object[][] CT_CONSISTENCY = {
        {1, 1, new String[] {}},
        {1, 8, new String[] {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
        {2, 5, new String[] {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
        {6, 8, new String[] {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
    };

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    @Test
    void inclusionProofs_matchTheCtReferenceVectors_andVerifyAgainstTheReferenceRoots() {
        List<byte[]> leaves = ctLeaves();
        for (Object[] vector : CT_INCLUSION) {
            int index = (int) vector[0];
            int size = (int) vector[1];
            List<String> expected = List.of((String[]) vector[2]);
            List<byte[]> proof = MerkleTree.inclusionProof(leaves, index, size);
            assertThat(hex(proof)).as("PATH(%d, D[%d])", index, size).isEqualTo(expected);
            assertThat(MerkleTree.verifyInclusion(leaves.get(index), index, size, proof,
                    HEX.parseHex(ROOTS[size - 1]))).as("verify %d in %d", index, size).isTrue();
        }
    }

    @Test
    void consistencyProofs_matchTheCtReferenceVectors_andVerifyAgainstTheReferenceRoots() {
        List<byte[]> leaves = ctLeaves();
        for (Object[] vector : CT_CONSISTENCY) {
            int from = (int) vector[0];
            int to = (int) vector[1];
            List<String> expected = List.of((String[]) vector[2]);
            List<byte[]> proof = MerkleTree.consistencyProof(leaves, from, to);
            assertThat(hex(proof)).as("PROOF(%d, D[%d])", from, to).isEqualTo(expected);
            assertThat(MerkleTree.verifyConsistency(from, to, proof, HEX.parseHex(ROOTS[from - 1]),
                    HEX.parseHex(ROOTS[to - 1]))).as("verify %d -> %d", from, to).isTrue();
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

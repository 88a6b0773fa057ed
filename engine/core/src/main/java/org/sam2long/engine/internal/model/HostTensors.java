package org.sam2long.engine.internal.model;

/**
 * The small learned tensors the host side needs (docs/model-contract.md, host_tensors.json).
 *
 * @param maskmemTposEnc     [numMaskmem][m] temporal slot embeddings
 * @param noMemEmbed         [d] added to features on frames with no memory
 * @param ptrTposProjWeight  [m][d] projection of the pointer's temporal sine encoding
 * @param ptrTposProjBias    [m]
 */
public record HostTensors(float[][] maskmemTposEnc, float[] noMemEmbed, float[][] ptrTposProjWeight,
                          float[] ptrTposProjBias) {}

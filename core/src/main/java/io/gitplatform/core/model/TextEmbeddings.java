package io.gitplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.gitplatform.core.config.GitConfig;

/** {@code git.embeddings}: {@code LayerNorm(word_embeddings[id] + position_embeddings[p])}. */
final class TextEmbeddings {
    private final NDArray wordEmbeddings;
    private final NDArray positionEmbeddings;
    private final LayerNorm layerNorm;
    private final int hidden;

    TextEmbeddings(Weights w, WeightPath path, GitConfig c) {
        this.wordEmbeddings = w.take(path.child("word_embeddings").name("weight"), c.vocab_size(), c.hidden_size());
        this.positionEmbeddings = w.takeFloat32(path.child("position_embeddings").name("weight"),
                c.max_position_embeddings(), c.hidden_size());
        this.layerNorm = new LayerNorm(w, path.child("LayerNorm"), c.hidden_size(), c.layer_norm_eps());
        this.hidden = c.hidden_size();
    }

    /** ids and positions, both [B*T] row-major -> [B, T, hidden] of {@code type}, owned by {@code step}. */
    NDArray forward(NDManager step, long[] ids, long[] positions, int batch, int length, DataType type) {
        // get(manager, ...) so the gathered rows belong to this step, not to the weights' manager.
        NDArray words = wordEmbeddings.get(step, new NDIndex("{}", step.create(ids)));
        NDArray pos = positionEmbeddings.get(step, new NDIndex("{}", step.create(positions)));
        NDArray sum = words.add(pos).reshape(batch, length, hidden);
        return layerNorm.forward(Precision.as(sum, type, sum));
    }
}

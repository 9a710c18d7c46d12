package dev.proxywasm.abi.jackson.classlib.java.util.concurrent.atomic;

import java.util.Objects;

/**
 * {@code java.util.concurrent.atomic.AtomicReferenceArray} for TeaVM, whose class library lacks
 * it (jackson-core's {@code BufferRecycler} keeps its buffers in one). A Wasm instance runs a
 * single thread, so a plain array gives every operation its atomic meaning.
 *
 * @param <E> the element type
 */
public class TAtomicReferenceArray<E> {
    private final Object[] elements;

    /**
     * Creates an array of the given length with every element {@code null}.
     *
     * @param length the number of elements
     */
    public TAtomicReferenceArray(int length) {
        elements = new Object[length];
    }

    /**
     * Creates an array holding a copy of the given elements.
     *
     * @param elements the initial elements
     */
    public TAtomicReferenceArray(E[] elements) {
        this.elements = new Object[elements.length];
        System.arraycopy(elements, 0, this.elements, 0, elements.length);
    }

    /** @return the number of elements */
    public final int length() {
        return elements.length;
    }

    /**
     * @param i the index
     * @return the element at {@code i}
     */
    @SuppressWarnings("unchecked")
    public final E get(int i) {
        return (E) elements[i];
    }

    /**
     * @param i the index
     * @param value the new element at {@code i}
     */
    public final void set(int i, E value) {
        elements[i] = value;
    }

    /**
     * Same as {@link #set}: with one thread there is no ordering to relax.
     *
     * @param i the index
     * @param value the new element at {@code i}
     */
    public final void lazySet(int i, E value) {
        elements[i] = value;
    }

    /**
     * @param i the index
     * @param value the new element at {@code i}
     * @return the element {@code i} held before
     */
    @SuppressWarnings("unchecked")
    public final E getAndSet(int i, E value) {
        E previous = (E) elements[i];
        elements[i] = value;
        return previous;
    }

    /**
     * Sets element {@code i} to {@code update} if it is (by identity) {@code expect}.
     *
     * @param i the index
     * @param expect the element expected at {@code i}
     * @param update the new element
     * @return whether the element was replaced
     */
    public final boolean compareAndSet(int i, E expect, E update) {
        if (elements[i] != expect) {
            return false;
        }
        elements[i] = update;
        return true;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append('[');
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(Objects.toString(elements[i]));
        }
        return text.append(']').toString();
    }
}

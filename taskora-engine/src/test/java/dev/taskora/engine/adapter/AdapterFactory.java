package dev.taskora.engine.adapter;

/**
 * Makes the adapters a contract test runs on; implemented by each adapter's contract test
 * class.
 */
public interface AdapterFactory {

	/** A fresh adapter whose keys no other test sees. */
	Adapter create();

	/**
	 * Another adapter over the same store as {@code used}, usable also after {@code used}
	 * was disconnected. Adapters whose store lives in the adapter object (memory) return
	 * that object.
	 */
	Adapter sharingStoreWith(Adapter used);

}

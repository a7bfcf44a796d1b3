package io.feedstore.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedstore.domain.store.ObjectStore;
import io.feedstore.testkit.FlawedObjectStore.Flaw;
import org.junit.jupiter.api.Test;

/** The contract is able to fail: each deliberate flaw of a store is caught by the property it breaks. */
class ObjectStoreContractCatchesFlawsTest {

    @Test
    void theFlawlessVariantPassesTheCheckedProperties() {
        ObjectStoreContract contract = contractFor(Flaw.NONE);
        assertThatCode(() -> {
                    contract.freshStore();
                    contract.new Deletes().aDeletedAndRecreatedKeyNeverGetsBackAnEarlierGeneration();
                    contract.freshStore();
                    contract.new AtomicVisibility()
                            .racingCreatesFromSeparateInstancesHaveExactlyOneWinnerWhoseContentIsStored();
                    contract.freshStore();
                    contract.new Listing().listOfTheWholeStoreReturnsEveryObjectAtAnyDepthInKeyOrder();
                    contract.freshStore();
                    contract.new Attributes()
                            .attributesGivenOnCreateReadBackExactlyWithTheCreationTimeAndTheContentIsStoredAsGiven();
                    contract.new AsAModel()
                            .theStoreBehavesLikeAMapWithNeverRepeatingGenerationsUnderAnySequenceOfOperations();
                })
                .doesNotThrowAnyException();
    }

    @Test
    void reusingAGenerationAfterDeleteIsCaught() throws Exception {
        ObjectStoreContract contract = contractFor(Flaw.REUSES_GENERATIONS_AFTER_DELETE);
        contract.freshStore();
        assertThatThrownBy(contract.new Deletes()::aDeletedAndRecreatedKeyNeverGetsBackAnEarlierGeneration)
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(
                        contract.new AsAModel()
                                ::theStoreBehavesLikeAMapWithNeverRepeatingGenerationsUnderAnySequenceOfOperations)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void replacingAStaleGenerationIsCaught() throws Exception {
        ObjectStoreContract contract = contractFor(Flaw.IGNORES_GENERATION_ON_REPLACE);
        contract.freshStore();
        assertThatThrownBy(
                        contract.new ConditionalWrites()
                                ::replaceWithAStaleGenerationFailsThePreconditionAndChangesNothing)
                .isInstanceOf(AssertionError.class);
        contract.freshStore();
        assertThatThrownBy(contract.new AtomicVisibility()::racingReplacesFromTheSameGenerationHaveExactlyOneWinner)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void recreatingADeletedObjectByReplaceIsCaught() throws Exception {
        ObjectStoreContract contract = contractFor(Flaw.REPLACE_RECREATES_DELETED);
        contract.freshStore();
        assertThatThrownBy(
                        contract.new ConditionalWrites()
                                ::replaceOfADeletedObjectFailsThePreconditionAndDoesNotRecreateIt)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void confusingNotFoundWithPreconditionFailedIsCaught() throws Exception {
        ObjectStoreContract contract = contractFor(Flaw.DELETE_OF_MISSING_FAILS_PRECONDITION);
        contract.freshStore();
        assertThatThrownBy(contract.new Deletes()::deleteOfAMissingObjectIsNotFound)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void unsortedOrShallowListingsAreCaught() throws Exception {
        ObjectStoreContract unsorted = contractFor(Flaw.UNSORTED_LISTING);
        unsorted.freshStore();
        assertThatThrownBy(unsorted.new Listing()::listOfTheWholeStoreReturnsEveryObjectAtAnyDepthInKeyOrder)
                .isInstanceOf(AssertionError.class);
        ObjectStoreContract shallow = contractFor(Flaw.SHALLOW_LISTING);
        shallow.freshStore();
        assertThatThrownBy(
                        shallow.new Listing()::listOfAPrefixReturnsOnlyKeysInsideThatFolderAndNotSiblingsSharingItsText)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aCheckThenActRaceIsCaught() throws Exception {
        ObjectStoreContract contract = contractFor(Flaw.CHECK_THEN_ACT_NOT_ATOMIC);
        contract.freshStore();
        assertThatThrownBy(
                        contract.new AtomicVisibility()
                                ::racingCreatesFromSeparateInstancesHaveExactlyOneWinnerWhoseContentIsStored)
                .isInstanceOf(AssertionError.class);
        contract.freshStore();
        assertThatThrownBy(contract.new AtomicVisibility()::racingReplacesFromTheSameGenerationHaveExactlyOneWinner)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aStoreThatForgetsTheAttributesOfACreateIsCaught() throws Exception {
        ObjectStoreContract contract = contractFor(Flaw.FORGETS_ATTRIBUTES);
        contract.freshStore();
        assertThatThrownBy(
                        contract.new Attributes()
                                ::attributesGivenOnCreateReadBackExactlyWithTheCreationTimeAndTheContentIsStoredAsGiven)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aStoreWhoseStreamedCreateOverwritesAnExistingObjectIsCaught() throws Exception {
        ObjectStoreContract contract = contractFor(Flaw.STREAMED_CREATE_OVERWRITES);
        contract.freshStore();
        assertThatThrownBy(
                        contract.new Attributes()
                                ::aStreamedCreateOnAnExistingKeyFailsThePreconditionAndKeepsTheFirstObjectAndAttributes)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aStoreThatForgetsTheAttributesOfAStreamedCreateIsCaught() throws Exception {
        ObjectStoreContract contract = contractFor(Flaw.FORGETS_ATTRIBUTES);
        contract.freshStore();
        assertThatThrownBy(
                        contract.new Attributes()
                                ::aStreamedCreateKeepsTheAttributesAndStoresContentLargerThanAnyBufferByteForByte)
                .isInstanceOf(AssertionError.class);
    }

    private static ObjectStoreContract contractFor(Flaw flaw) {
        return new ObjectStoreContract() {
            @Override
            protected ObjectStore createStore() {
                return new FlawedObjectStore(flaw);
            }

            @Override
            protected ObjectStore sameStoreViaAnotherInstance(ObjectStore store) {
                return store;
            }

            @Override
            protected int modelExamples() {
                return 200;
            }
        };
    }
}

using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Refunds.TestSupport;

/// <summary>
/// xunit 2 runs the tests of one collection one after another, and the tests that share Azurite share a collection
/// (<c>ICollectionFixture&lt;AzuriteFixture&gt;</c>). Most of a test's time there is waiting (the app's start and stop, the
/// Durable engine's polls), so this framework runs the test methods of a collection side by side, at most
/// <see cref="MaxParallelTests"/> at a time; the test cases of one method (a theory's rows) still run in turn. Every test
/// already works on its own task hub, tables, organizations and stand-ins, so nothing more is shared than before.
/// A class marked <see cref="OneTestAtATimeAttribute"/> runs its tests one after another, beside the other classes. A
/// collection whose definition says <c>DisableParallelization = true</c> keeps xunit's order: one test at a time, after
/// the parallel collections. Opt in per test assembly:
/// <c>[assembly: TestFramework("Refunds.TestSupport.ParallelTestFramework", "Refunds.TestSupport")]</c>.
/// </summary>
public sealed class ParallelTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <summary>The environment variable that overrides <see cref="MaxParallelTests"/>, e.g. 1 to run one test at a time.</summary>
    public const string ParallelismVariable = "REFUNDS_TEST_PARALLELISM";

    /// <summary>
    /// Tests in flight at once within one assembly: 4 unless <see cref="ParallelismVariable"/> says otherwise. On two
    /// cores more than that makes each test slower without finishing the assembly sooner.
    /// </summary>
    public static int MaxParallelTests =>
        int.TryParse(Environment.GetEnvironmentVariable(ParallelismVariable), out var value) && value > 0 ? value : 4;

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        private readonly SemaphoreSlim _slots = new(MaxParallelTests);

        protected override Task<RunSummary> RunTestCollectionAsync(
            IMessageBus messageBus, ITestCollection testCollection, IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource) =>
            new CollectionRunner(_slots, testCollection, testCases, DiagnosticMessageSink, messageBus, TestCaseOrderer, new ExceptionAggregator(Aggregator), cancellationTokenSource)
                .RunAsync();

        public override void Dispose()
        {
            _slots.Dispose();
            base.Dispose();
        }
    }

    private sealed class CollectionRunner(
        SemaphoreSlim slots,
        ITestCollection testCollection,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        ITestCaseOrderer testCaseOrderer,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
        : XunitTestCollectionRunner(testCollection, testCases, diagnosticMessageSink, messageBus, testCaseOrderer, aggregator, cancellationTokenSource)
    {
        private bool RunsAlone =>
            TestCollection.CollectionDefinition?.GetCustomAttributes(typeof(CollectionDefinitionAttribute)).FirstOrDefault()
                ?.GetNamedArgument<bool>(nameof(CollectionDefinitionAttribute.DisableParallelization)) == true;

        protected override async Task<RunSummary> RunTestClassesAsync()
        {
            if (RunsAlone)
            {
                return await base.RunTestClassesAsync();
            }

            var classes = TestCases.GroupBy(tc => tc.TestMethod.TestClass, TestClassComparer.Instance)
                .Select(tests => RunTestClassAsync(tests.Key, (IReflectionTypeInfo)tests.Key.Class, tests));
            return Sum(await Task.WhenAll(classes));
        }

        protected override async Task<RunSummary> RunTestClassAsync(ITestClass testClass, IReflectionTypeInfo @class, IEnumerable<IXunitTestCase> testCases)
        {
            if (RunsAlone)
            {
                return await base.RunTestClassAsync(testClass, @class, testCases);
            }

            if (@class.Type.GetCustomAttributes(typeof(OneTestAtATimeAttribute), inherit: false).Length == 0)
            {
                return await NewClassRunner(slots).RunAsync();
            }

            // The class holds one slot from before its class fixture (its app) is built until after it is disposed: the
            // app does not idle, polling storage, while its tests wait for slots, and its tests run back to back.
            await slots.WaitAsync();
            try
            {
                return await NewClassRunner(methodSlots: null).RunAsync();
            }
            finally
            {
                slots.Release();
            }

            ClassRunner NewClassRunner(SemaphoreSlim? methodSlots) =>
                new(methodSlots, testClass, @class, testCases, DiagnosticMessageSink, MessageBus, TestCaseOrderer, new ExceptionAggregator(Aggregator), CancellationTokenSource, CollectionFixtureMappings);
        }
    }

    /// <summary>Runs a class's test methods side by side, each in one of <paramref name="slots"/>; one after another when null.</summary>
    private sealed class ClassRunner(
        SemaphoreSlim? slots,
        ITestClass testClass,
        IReflectionTypeInfo @class,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        ITestCaseOrderer testCaseOrderer,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        IDictionary<Type, object> collectionFixtureMappings)
        : XunitTestClassRunner(testClass, @class, testCases, diagnosticMessageSink, messageBus, testCaseOrderer, aggregator, cancellationTokenSource, collectionFixtureMappings)
    {
        protected override async Task<RunSummary> RunTestMethodsAsync()
        {
            IEnumerable<IXunitTestCase> ordered;
            try
            {
                ordered = TestCaseOrderer.OrderTestCases(TestCases);
            }
            catch (Exception e)
            {
                // As xunit's own class runner does: an orderer that throws fails nothing, the cases run unordered.
                DiagnosticMessageSink.OnMessage(new DiagnosticMessage($"Test case orderer '{TestCaseOrderer.GetType().FullName}' threw '{e.GetType().FullName}' during ordering: {e.Message}"));
                ordered = TestCases.ToList();
            }

            var constructorArguments = CreateTestClassConstructorArguments();
            var groups = ordered.GroupBy(tc => tc.TestMethod, TestMethodComparer.Instance).ToList();
            if (slots is null)
            {
                var summary = new RunSummary();
                foreach (var tests in groups)
                {
                    summary.Aggregate(await RunOneAsync(tests, constructorArguments));
                }

                return summary;
            }

            return Sum(await Task.WhenAll(groups.Select(tests => RunInSlotAsync(slots, tests, constructorArguments))));
        }

        private async Task<RunSummary> RunInSlotAsync(SemaphoreSlim pool, IGrouping<ITestMethod, IXunitTestCase> tests, object[] constructorArguments)
        {
            await pool.WaitAsync();
            try
            {
                return await RunOneAsync(tests, constructorArguments);
            }
            finally
            {
                pool.Release();
            }
        }

        private async Task<RunSummary> RunOneAsync(IGrouping<ITestMethod, IXunitTestCase> tests, object[] constructorArguments) =>
            CancellationTokenSource.IsCancellationRequested
                ? new RunSummary()
                : await RunTestMethodAsync(tests.Key, (IReflectionMethodInfo)tests.Key.Method, tests, constructorArguments);
    }

    private static RunSummary Sum(IEnumerable<RunSummary> summaries)
    {
        var total = new RunSummary();
        foreach (var summary in summaries)
        {
            total.Aggregate(summary);
        }

        return total;
    }
}

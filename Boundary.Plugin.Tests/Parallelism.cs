// Fixtures run side by side (NUnit's default worker count: one per core, at least two); the tests of one
// fixture run one after another. A fixture that shares what the whole process shares (environment
// variables, the console, the current folder, the shared moto's state) is [NonParallelizable]: it then
// runs while nothing else does.
[assembly: Parallelizable(ParallelScope.Fixtures)]

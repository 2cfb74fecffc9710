import { processPayment } from "@pizza-orders/core/workflow/orderTasks";
import { paymentDependencies } from "./taskDependencies";
import { workflowTask } from "./workflowTask";

const deps = paymentDependencies();

export const handler = workflowTask((state) => processPayment(deps, state));

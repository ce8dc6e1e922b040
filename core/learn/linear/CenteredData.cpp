// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/linear/CenteredData.h"

namespace Tandem::Learn {

CenteredData CenteredData::from(const Matrix &X, const Vector &y, bool fitIntercept)
{
    CenteredData data;
    data.xMean = Eigen::RowVectorXd::Zero(X.cols());
    if (fitIntercept) {
        data.xMean = X.colwise().mean();
        data.yMean = y.mean();
    }
    data.X = X.rowwise() - data.xMean;
    data.y = y.array() - data.yMean;
    return data;
}

} // namespace Tandem::Learn
